import { UserError } from '@helm-values-manager/core';
import { promotion } from '../promotion';
import { applicationFlag, applicationNames, applicationTarget } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'Copy image tags and vetted values from one env to the next: edit the overlays, or push a branch and open (or update) one PR',
  args: [],
  flags: [
    { name: 'from', value: 'ENV', description: 'the env to promote from (required)' },
    { name: 'to', value: 'ENV', description: "the env to promote to (default: the next envs on gitops.yaml's promotion paths)", multiple: true },
    { name: 'app', value: 'APP', description: 'only this app', multiple: true },
    applicationFlag('promote into what this Argo CD Application deploys: its app, and its env as --to (repeatable; a generated name too)', true),
    { name: 'dry-run', description: 'print the plan, change nothing', default: false },
    outputFlag(['text', 'json', 'markdown']),
    { name: 'push', description: 'commit the edits on a promotion branch and push it, leaving the working tree as it was', default: false },
    { name: 'pr', description: 'push, then open or update one pull request (needs GITHUB_TOKEN)', default: false },
    { name: 'per-app', description: 'one branch and pull request per app instead of one for all', default: false },
    { name: 'draft', description: 'open the pull request as a draft', default: false },
    { name: 'force', description: 'promote along a path gitops.yaml does not declare, or past a stage', default: false },
    helmFlag,
    { name: 'github-timeout', value: 'SECONDS', description: 'total time the GitHub calls may take, waits included (default: promotion.pullRequest.timeoutSeconds in gitops.yaml, 300)' },
  ],
  help: 'Example:\n  gitops promote --from staging --to prod --pr\nSee docs/promotion.md.',
  async run({ values, root, usage }, io) {
    if (!values.from) throw new UserError('--from is required', { hint: `Usage: ${usage}` });
    const ws = loadCliWorkspace({ root, values }, io);
    const { apps, to } = withApplications(values, applicationNames(values).map((n) => applicationTarget(ws, n)));
    return (await promotion()).runPromotion(
      ws,
      {
        from: values.from as string,
        to,
        apps,
        dryRun: values['dry-run'] as boolean,
        format: values.output as string,
        push: values.push as boolean,
        pr: values.pr as boolean,
        perApp: values['per-app'] as boolean,
        draft: values.draft as boolean,
        force: values.force as boolean,
        githubTimeout: seconds(values['github-timeout'] as string | undefined),
      },
      { out: io.stdout, err: io.stderr, env: io.env, color: io.color },
    );
  },
};

/** --application adds its app, and its env as a target: an env --to leaves out is a contradiction, not a silent skip. */
function withApplications(values: Record<string, unknown>, targets: { app: string; env: string }[]): { apps?: string[]; to?: string[] } {
  const apps = values.app as string[] | undefined;
  const to = values.to as string[] | undefined;
  if (targets.length === 0) return { apps, to };
  const outside = to ? targets.find((t) => !to.includes(t.env)) : undefined;
  if (outside) throw new UserError(`--application deploys ${outside.app} to ${outside.env}, which --to ${to?.join(', ')} leaves out`, { hint: `Drop --to (the Application names the env), or add --to ${outside.env}.` });
  return { apps: [...new Set([...(apps ?? []), ...targets.map((t) => t.app)])], to: [...new Set([...(to ?? []), ...targets.map((t) => t.env)])] };
}

/** --github-timeout: a whole number of seconds. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UserError(`--github-timeout ${v} is not a number of seconds`, { hint: 'Give a whole number of seconds, e.g. --github-timeout 120.' });
  return Number(v);
}
