// Where Helm versions read the same values differently, and which version gitops follows:
// gitops.yaml's `helmVersion`; without one, the current Helm (3.20.1+ and 4.1.3+).

export interface HelmRules {
  /** Delete a nested user null over a null chart default (Helm before 3.20.1 and 4.1.3, helm/helm#31643). */
  legacyNulls?: boolean;
  /**
   * values.schema.json as Helm before 3.18 reads it (gojsonschema): draft-04 when declared,
   * draft-07 for anything else (later drafts, "the latest", an unknown or no `$schema`). Later
   * Helms (santhosh-tekuri/jsonschema) apply the declared draft, 2020-12 when none or "the
   * latest" is declared, and fail on a `$schema` they cannot load.
   */
  legacySchemas?: boolean;
}

/** The rules of a Helm version ("3.17", "v3.17.3", "4.1.4"); a bare major or none means its current release. */
export function helmRules(helmVersion?: string): HelmRules {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(helmVersion ?? '');
  if (!m || m[2] === undefined) return {};
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const before = (mi: number, pa: number) => minor < mi || (minor === mi && patch < pa);
  return {
    legacyNulls: (major === 3 && before(20, 1)) || (major === 4 && before(1, 3)),
    legacySchemas: major < 3 || (major === 3 && minor < 18),
  };
}
