import { everyTier, type RuleMeta } from './rule';

const STRICT_ABOVE_DEV = { development: 'warning', staging: 'error', production: 'error' } as const;

export const SOPS_FILE_VERIFIES: RuleMeta = {
  id: 'sops-mac',
  title: 'SOPS files verify',
  description:
    'With an age key given (`SOPS_AGE_KEY` or `SOPS_AGE_KEY_FILE`), each SOPS file is decrypted in memory: every value must open under its own key path and the MAC over all values must match `sops.mac`. A value changed by hand, a key removed or added, a value copied from another key, or an edited MAC is a finding at its line. Without a key this is not checked (an info finding says so).',
  fix: 'Restore the file from Git (git log -p on it shows the change), then change values only with sops or gitops secret set.',
  defaults: everyTier('error'),
};

export const SOPS_NOT_DECRYPTED: RuleMeta = {
  id: 'sops-not-decrypted',
  title: 'SOPS files are checked only by their key names without a key',
  description:
    'A SOPS file that could not be decrypted (no `SOPS_AGE_KEY`/`SOPS_AGE_KEY_FILE`, or none of the given identities is one of its recipients): its key names are still compared across envs, but its MAC, placeholder values and values reused across tiers are not checked.',
  fix: 'Give an age identity that is a recipient of the file: SOPS_AGE_KEY_FILE=path/to/keys.txt gitops validate.',
  defaults: everyTier('warning'),
};

export const SECRET_KEY_MISSING: RuleMeta = {
  id: 'secret-key-missing',
  title: 'The next env has every secret key',
  description:
    'Along each promotion path (dev -> staging -> prod), every secret key of an env must exist in the env it promotes to: in its SOPS file (key names are in clear, so no key is needed), its ExternalSecret data, or its SealedSecret. A key only the earlier env has is a deployment that fails (or runs without the secret) after promotion. SOPS-encrypted values files in the layers are compared the same way, by value path, between envs that both layer one.',
  fix: 'Add the key to the later env: gitops secret set APP ENV KEY (SOPS, SealedSecret), or an externalSecrets.data entry and the value in the store (External Secrets).',
  defaults: STRICT_ABOVE_DEV,
};

export const SECRET_REUSED_ACROSS_TIERS: RuleMeta = {
  id: 'secret-reused-across-tiers',
  title: 'Production secrets are not shared with lower tiers',
  description:
    'With a key given, each secret value of a production-tier env is compared by keyed hash (a random key per run, never written) with every secret value of the development and staging tiers. A match means whoever can read the lower env\'s secrets holds production\'s. No value or hash is printed.',
  fix: 'Rotate the production value (gitops secret set APP ENV KEY with a fresh value) and revoke the shared one.',
  defaults: everyTier('error'),
};

export const SECRET_PLACEHOLDER: RuleMeta = {
  id: 'secret-placeholder',
  title: 'No placeholder secret values',
  description: 'With a key given, a secret value that is empty or a placeholder (`changeme`, `TODO`, `FIXME`, `xxx`, `<password>`, `replace-me`...) is reported: the app would start with a credential anyone can guess.',
  fix: 'Set the real value: gitops secret set APP ENV KEY < value.txt',
  defaults: STRICT_ABOVE_DEV,
};

export const EXTERNAL_SECRET_STORE: RuleMeta = {
  id: 'external-secret-store',
  title: "The ExternalSecret's store is the env's store",
  description: "The store an env's ExternalSecret reads from (`externalSecrets.secretStoreRef`) must be the `secretStore` gitops.yaml declares for that env, so a copied overlay does not read staging's Vault from prod.",
  fix: "Set externalSecrets.secretStoreRef to the env's secretStore in gitops.yaml (or declare the store there).",
  defaults: everyTier('error'),
};

export const EXTERNAL_SECRET_REMOTE_KEY: RuleMeta = {
  id: 'external-secret-remote-key',
  title: "Remote keys follow the env's path convention",
  description: 'Each `remoteRef.key` of an env\'s ExternalSecret must start with `<app>/<namespace>/` (the spec\'s convention), so an env never reads another env\'s secrets.',
  fix: 'Use the key <app>/<namespace>/<name> (gitops secret set APP ENV KEY prints it).',
  defaults: STRICT_ABOVE_DEV,
};

export const EXTERNAL_SECRET_REFRESH: RuleMeta = {
  id: 'external-secret-refresh-interval',
  title: 'Production ExternalSecrets set refreshInterval',
  description: 'A production ExternalSecret must say how often it re-reads the store (`externalSecrets.refreshInterval`), so a rotated secret reaches the cluster in a known time.',
  fix: 'Set externalSecrets.refreshInterval (e.g. 1h) in the production overlay.',
  defaults: { development: 'off', staging: 'off', production: 'error' },
};

export const SEALED_SECRET_SCOPE: RuleMeta = {
  id: 'sealed-secret-scope',
  title: 'SealedSecrets open where they are applied',
  description:
    "A strict SealedSecret opens only under the namespace and name it was sealed for, a namespace-wide one only in its namespace. Its scope annotations, namespace and name must match the env it deploys to, and a sealed value copied from another env's file (same ciphertext) can never be unsealed when that env's namespace or name differs.",
  fix: 'Seal the value again for this env: gitops secret set APP ENV KEY (or nx g secret --seal --cert CERT).',
  defaults: everyTier('error'),
};

export const SEALED_SECRET_CERTIFICATE: RuleMeta = {
  id: 'sealed-secret-certificate',
  title: "SealedSecrets are sealed with the env's cluster certificate",
  description:
    "When a cluster in gitops.yaml records its sealed-secrets certificate (`sealedSecretsCertificate`) and a SealedSecret records the certificate it was sealed with (the `helm-values-manager/sealed-with` annotation, the SHA-256 fingerprint that gitops secret set writes), both must be the same: a value sealed for another cluster's controller never opens.",
  fix: 'Seal again with the certificate of the env\'s cluster (kubeseal --fetch-cert > cert.pem), or update sealedSecretsCertificate if the controller key was rotated.',
  defaults: everyTier('error'),
};

export const SECRET_BACKEND_RULES: RuleMeta[] = [
  SOPS_FILE_VERIFIES,
  SOPS_NOT_DECRYPTED,
  SECRET_KEY_MISSING,
  SECRET_REUSED_ACROSS_TIERS,
  SECRET_PLACEHOLDER,
  EXTERNAL_SECRET_STORE,
  EXTERNAL_SECRET_REMOTE_KEY,
  EXTERNAL_SECRET_REFRESH,
  SEALED_SECRET_SCOPE,
  SEALED_SECRET_CERTIFICATE,
];
