import { findWorkspaceRoot, loadWorkspace, UserError } from '@hvm/core';
import { runPromotion } from '@hvm/promote';
import type { Command } from '../command';

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'Copy image tags and vetted values from one env to the next: edit the overlays, or push a branch and open (or update) one PR',
  usage: 'gitops promote --from ENV [--to ENV]... [--app APP]... [--dry-run] [--format text|json|markdown] [--push] [--pr] [--per-app] [--draft] [--force]',
  arity: [0, 0],
  options: {
    from: { type: 'string' },
    to: { type: 'string', multiple: true },
    app: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
    push: { type: 'boolean', default: false },
    pr: { type: 'boolean', default: false },
    'per-app': { type: 'boolean', default: false },
    draft: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
  run({ values }, io) {
    if (!values.from) throw new UserError('--from is required', { hint: `Usage: ${promoteCommand.usage}` });
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    return runPromotion(
      ws,
      {
        from: values.from as string,
        to: values.to as string[] | undefined,
        apps: values.app as string[] | undefined,
        dryRun: values['dry-run'] as boolean,
        format: values.format as string,
        push: values.push as boolean,
        pr: values.pr as boolean,
        perApp: values['per-app'] as boolean,
        draft: values.draft as boolean,
        force: values.force as boolean,
      },
      { out: io.stdout, err: io.stderr, env: io.env, color: io.color },
    );
  },
};
