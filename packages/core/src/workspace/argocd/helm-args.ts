import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Position } from '../../common';
import type { SetKind } from '../../values';
import type { HelmSourcePlan } from './helm-source-plan';

/** One `--set`-family argument Argo CD passes for a parameter, and where the parameter is written. */
export interface ParameterSet {
  kind: Extract<SetKind, 'set' | 'set-string' | 'set-file'>;
  name: string;
  /** The value (for set-file: the file, relative to the repository root). */
  value: string;
  at: Position;
}

/** Argo CD escapes commas so that a parameter stays one value, except a {a,b} list. */
export function cleanSetValue(value: string): string {
  return /^\{.*\}$/.test(value) ? value : value.replace(/(?<!\\),/g, '\\,');
}

/**
 * The parameters as Argo CD hands them to Helm: names are map keys (a name given twice keeps its
 * last value), `--set` before `--set-string` (forceString) before `--set-file` (fileParameters).
 */
export function parameterSets(plan: HelmSourcePlan): ParameterSet[] {
  const out: ParameterSet[] = [];
  for (const forceString of [false, true]) {
    const byName = new Map<string, ParameterSet>();
    for (const p of plan.parameters) if (p.forceString === forceString) byName.set(p.name, { kind: forceString ? 'set-string' : 'set', name: p.name, value: cleanSetValue(p.value), at: p.at });
    out.push(...byName.values());
  }
  const files = new Map<string, ParameterSet>();
  for (const p of plan.fileParameters) if (p.file !== undefined && p.exists) files.set(p.name, { kind: 'set-file', name: p.name, value: p.file, at: p.at });
  return [...out, ...files.values()];
}

/** The inline values as the file Argo CD writes for them (valuesObject wins over values). */
export function inlineValuesText(plan: HelmSourcePlan): string | undefined {
  if (!plan.inline) return undefined;
  return plan.inline.object ? stringify(plan.inline.object) : (plan.inline.text ?? '');
}

/**
 * The `helm template` arguments Argo CD's repo server uses for a plan (after release and chart):
 * `--values` per file, the inline values as one more file (the caller writes inlineValuesText
 * to `inlineFile`), then the parameters.
 */
export function helmTemplateArgs(root: string, plan: HelmSourcePlan, inlineFile: string): string[] {
  const args = ['--namespace', plan.app.destination.namespace ?? 'default'];
  for (const f of plan.valueFiles) if (f.file !== undefined && f.exists) args.push('--values', join(root, f.file));
  if (plan.inline) args.push('--values', inlineFile);
  for (const p of parameterSets(plan)) args.push(`--${p.kind}`, `${p.name}=${p.kind === 'set-file' ? join(root, p.value) : p.value}`);
  return args;
}
