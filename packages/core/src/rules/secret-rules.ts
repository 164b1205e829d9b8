import { everyTier, type RuleMeta } from './rule';

export const PLAINTEXT_SECRET: RuleMeta = {
  id: 'plaintext-secret',
  title: 'No plaintext secret under a secret-like key',
  description:
    'A literal value under a key such as `password`, `apiToken` or `clientSecret` is a credential committed in plain text. Development tier only warns, because local dependencies with throwaway passwords (the spec\'s `devpassword`) are common there; staging and production fail.',
  fix: 'Move the value to the env\'s secret backend (External Secrets remote key, SealedSecret via `nx g secret --seal`, or a SOPS file) and reference it, e.g. with `existingSecret`; leave the key empty here.',
  defaults: { development: 'warning', staging: 'error', production: 'error' },
};

export const SECRET_TOKEN: RuleMeta = {
  id: 'secret-token',
  title: 'No credential in a well-known token format',
  description:
    'A value shaped like a PEM private key, an AWS access key id, a GitHub, Slack, Google or Stripe token, a URL with `user:password@`, or a setting of a secret-like key written inside a text (`-Dspring.datasource.password=…`, `--db-password=…`, `Password=…;`, `password: …` in an embedded config file) is a credential wherever it appears, whatever its key is called.',
  fix: 'Revoke the credential (it is in Git history now), then keep it in the secret backend and reference it.',
  defaults: everyTier('error'),
};

export const SECRET_RULES: RuleMeta[] = [PLAINTEXT_SECRET, SECRET_TOKEN];

export const UNENCRYPTED_SECRET_FILE: RuleMeta = {
  id: 'unencrypted-secret-file',
  title: 'Files under secrets/ are encrypted',
  description:
    'Everything under an app\'s `secrets/` folder (and the workspace\'s `secrets/`) must be encrypted: a SOPS file (a `sops` section with a `mac`, and every value `ENC[...]` except keys SOPS was told to leave in clear) or a SealedSecret (`spec.encryptedData`). A plain Kubernetes Secret is only base64, not encrypted. Markdown files and `.sops.yaml` are documentation and configuration, not secrets.',
  fix: 'Encrypt the file (`sops --encrypt f.yaml > f.yaml.enc`, commit only the .enc) or seal it (`nx g secret --seal`, `gitops seal`), then delete the plaintext file and rotate what it held.',
  defaults: everyTier('error'),
};
