import { CONSISTENCY_RULES } from './consistency-rules';
import { ARGOCD_RULES } from './argocd-rules';
import { IGNORE_COMMENT } from './ignore-rule';
import { LINT_RULES } from './lint-rules';
import { MANIFEST_SCHEMA } from './manifest-rule';
import { POLICY_KEYS_UNKNOWN, POLICY_RULES, PROBES_SET } from './policy-rules';
import type { RuleMeta } from './rule';
import { SECRET_BACKEND_RULES } from './secret-backend-rules';
import { SECRET_RULES, UNENCRYPTED_SECRET_FILE } from './secret-rules';
import { ORPHAN_RULES } from './orphan-rules';

const ALWAYS = { development: 'error', staging: 'error', production: 'error' } as const;

/** Findings that are not a rule's opinion: a file that cannot be read, a value the schema refuses. */
export const BUILTIN_RULES: RuleMeta[] = [
  { id: 'input', title: 'Files can be read', description: 'A values file, schema or Argo CD Application that is not valid YAML or JSON, too large, or not UTF-8.', fix: 'Fix the file at the position given.', defaults: ALWAYS },
  { id: 'schema', title: "Effective values match the app's values.schema.json", description: "The merged values of each env are validated against the app's JSON Schema (draft-04 to 2020-12, by its $schema).", fix: 'Change the value at the line given, or the schema if the value is right.', defaults: ALWAYS },
];

/** Every rule a finding can carry: for ignore comments, SARIF rule descriptions and docs/rules.md. */
export const RULES: RuleMeta[] = [...BUILTIN_RULES, ...POLICY_RULES, PROBES_SET, POLICY_KEYS_UNKNOWN, ...SECRET_RULES, UNENCRYPTED_SECRET_FILE, ...SECRET_BACKEND_RULES, ...CONSISTENCY_RULES, ...ARGOCD_RULES, ...LINT_RULES, ...ORPHAN_RULES, MANIFEST_SCHEMA, IGNORE_COMMENT];
