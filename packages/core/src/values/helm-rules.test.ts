// gitops.yaml's helmVersion decides which Helm's reading of values and schemas gitops follows.
import { describe, expect, it } from 'vitest';
import { helmRules } from './helm-rules';

describe('the rules of a helmVersion', () => {
  it.each([
    // nulls: a nested user null over a null default is deleted before 3.20.1 and 4.1.3 (helm/helm#31643)
    ['3.20.0', { legacyNulls: true, legacySchemas: false }],
    ['3.20.1', { legacyNulls: false, legacySchemas: false }],
    ['3.19.9', { legacyNulls: true, legacySchemas: false }],
    ['3.19.10', { legacyNulls: true, legacySchemas: false }],
    ['3.21', { legacyNulls: false, legacySchemas: false }],
    ['v3.20', { legacyNulls: true, legacySchemas: false }],
    ['4.1.2', { legacyNulls: true, legacySchemas: false }],
    ['4.1.3', { legacyNulls: false, legacySchemas: false }],
    ['4.0.9', { legacyNulls: true, legacySchemas: false }],
    ['4.2.0', { legacyNulls: false, legacySchemas: false }],
    ['v4.1.4', { legacyNulls: false, legacySchemas: false }],
    // schemas: gojsonschema's drafts before 3.18
    ['3.17.3', { legacyNulls: true, legacySchemas: true }],
    ['3.18.0', { legacyNulls: true, legacySchemas: false }],
    ['2.17.0', { legacyNulls: false, legacySchemas: true }],
    ['13.1.1', { legacyNulls: false, legacySchemas: false }],
  ] as const)('%s', (version, want) => {
    expect(helmRules(version)).toEqual(want);
  });

  it.each([undefined, '3', 'v4', 'latest', '3.17.3-rc.1', 'x3.17', '3.17.3.1', '3.x'])('%s: the current Helm', (version) => {
    expect(helmRules(version)).toEqual({});
  });
});
