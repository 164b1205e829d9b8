import { githubAnnotations, shouldAnnotate, type Finding } from '@helm-values-manager/core';
import type { CliIO } from './io';

/** In GitHub Actions, also print each finding as an annotation, so it shows on the PR's diff. */
export function annotate(findings: Finding[], io: CliIO): void {
  if (shouldAnnotate(io.env)) io.stdout(githubAnnotations(findings));
}
