// Writes docs/rules.md from the rule catalog, so the page and the code cannot drift apart:
//   node -r @swc-node/register tools/docs/rules-md.ts > docs/rules.md
import { ARGOCD_RULES, BUILTIN_RULES, CONSISTENCY_RULES, DEFAULT_RULES, IGNORE_COMMENT, LINT_RULES, MANIFEST_SCHEMA, ORPHAN_RULES, POLICY_KEYS_UNKNOWN, PROBES_SET, SECRET_BACKEND_RULES, SECRET_RULES, UNENCRYPTED_SECRET_FILE, type RuleMeta } from '@helm-values-manager/core';

const SECTIONS: [string, string, RuleMeta[]][] = [
  [
    'Policy rules',
    'Production hardening, checked where it counts: `gitops validate` and `gitops render` (and their Nx targets) run them on what `helm template` renders, with exactly Argo CD\'s layers and parameters: the Pod specs (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods; replicas from the HPA that scales a workload; a PDB must select its pods), the HorizontalPodAutoscalers and the Ingresses, with Kubernetes field names, so they hold for any chart; the finding names the object, the field, the template and the line in manifests.yaml. Without helm (or for an app folder that is not a chart), `gitops validate` runs them as early hints over the values Argo CD deploys (the layers merged as Helm merges them, then the Application\'s `helm.parameters`), and says once that it does: there a rule reads the keys of `helm create`\'s charts (`image.tag`, `securityContext`...), renamed per app in gitops.yaml (`policy.apps.<app>.keys`, e.g. `imageTag: imageVersion` or `wordpress.image.tag`), and only suggests a key the chart\'s values.yaml or values.schema.json declares; a value that breaks a rule is reported at the line that set it, a missing one at the env\'s own overlay; a chart that declares no values at all gets a note instead (`policy-keys-unknown`). `probes-set` reads only rendered manifests.',
    [...DEFAULT_RULES, PROBES_SET, POLICY_KEYS_UNKNOWN],
  ],
  ['Secret rules', 'Scan every layer file as written, so the finding points at the file that holds the plaintext. The value itself is never printed.', [...SECRET_RULES, UNENCRYPTED_SECRET_FILE]],
  ['Secret backend rules', 'Read each env\'s secret backend: its SOPS file (decrypted in memory only when `SOPS_AGE_KEY` or `SOPS_AGE_KEY_FILE` is set), its ExternalSecret, its SealedSecret; and compare them along the promotion paths. Findings name keys, never values (see `docs/secrets.md`).', SECRET_BACKEND_RULES],
  ['Consistency rules', 'Compare each env\'s Argo CD Application with the layers the checks used.', CONSISTENCY_RULES],
  ['Argo CD rules', 'Read the repository as Argo CD does (docs/layouts.md): what it cannot read, expand or sync is said, never skipped.', ARGOCD_RULES],
  ['Lint rules', '`gitops lint` and the `lint` target: the files as written, not their effective values.', LINT_RULES],
  ['Leftovers', '`gitops validate` and `gitops lint` both: files of envs gitops.yaml does not declare, and writes that did not finish.', ORPHAN_RULES],
  ['Other findings', '', [...BUILTIN_RULES, MANIFEST_SCHEMA, IGNORE_COMMENT]],
];

export function rulesMarkdown(): string {
  const out = [
    '# Rules',
    '',
    '<!-- Generated from the rule catalog by tools/docs/rules-md.ts; edit the rules, then regenerate. -->',
    '',
    'Every finding of `gitops validate`, `gitops lint` and the Nx `validate`/`lint` targets carries a rule id.',
    'Severity comes from the env\'s tier (`development`, `staging`, `production`); `gitops.yaml` changes it per tier:',
    '',
    '```yaml',
    'policy:',
    '  tiers:',
    '    staging:',
    '      rules:',
    '        image-tag-pinned: error     # error | warning | off',
    '```',
    '',
    'To accept one finding on purpose, put an ignore comment on the line it points at, with a reason (required):',
    '',
    '```yaml',
    'hostNetwork: true  # gitops:ignore no-host-namespaces the CNI agent needs the node network',
    '```',
    '',
    'The same works for the lint rules (`unknown-key`, `redundant-override`, ...). An ignore comment without a reason, or with an unknown rule id, is itself an error (`ignore-comment`), reported by `validate` in every values file it reads.',
    '',
    '## Why dev passwords only warn',
    '',
    'The spec\'s `values-dev.yaml` holds throwaway passwords for local MongoDB, Redis and Keycloak. In the',
    '`development` tier `plaintext-secret` warns; in `staging` and `production` it fails. Known token formats',
    '(`secret-token`) fail in every tier: they are real credentials wherever they appear.',
    '',
    '## How `image.tag` is checked',
    '',
    'The spec leaves `image.tag: ""` to CI/CD. The checks see the Argo CD Application\'s `helm.parameters`',
    'as the last layer, exactly as Argo CD applies them, so `image.tag=$ARGOCD_APP_REVISION` in the prod',
    'Application counts as pinned (Argo CD substitutes the synced commit). A tag pinned in Git with',
    '`gitops set-image APP ENV TAG` counts too. An empty tag with neither fails `image-tag-pinned` in production.',
    '',
  ];
  for (const [title, intro, rules] of SECTIONS) {
    out.push(`## ${title}`, '');
    if (intro) out.push(intro, '');
    out.push('| rule | development | staging | production |', '|---|---|---|---|');
    for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id}) | ${r.defaults.development} | ${r.defaults.staging} | ${r.defaults.production} |`);
    out.push('');
    for (const r of rules) out.push(`### ${r.id}`, '', `**${r.title}.** ${r.description}`, '', `Fix: ${r.fix}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (require.main === module) process.stdout.write(rulesMarkdown());
