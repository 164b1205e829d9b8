// gitops's merge against a real helm: generated layered values files and --set flags, merged by
// mergeFiles and by `helm template` of charts that print {{ toJson .Values }}.
import { describe, expect, it } from 'vitest';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmRules, type HelmRules } from './helm-rules';

type MergeRules = Pick<HelmRules, 'legacyNulls'>;
import { mergeFiles } from './merge-files';
import { parseValuesYaml } from '../yaml';
import { helmValues, type HelmOutcome } from '../test-support/helm-values';
import { valuesCases, type ValuesCase } from '../test-support/values-cases';

const CASES = 300;

function ours(c: ValuesCase, rules: MergeRules): HelmOutcome {
  try {
    const files = c.layers.map((t, i) => parseValuesYaml(t, `layer${i}.yaml`));
    return { ok: true, values: mergeFiles(files, { sets: c.sets, defaults: files[0], rules }).values };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** JSON with sorted keys: helm's toJson sorts them, gitops keeps the files' order. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v));
}

async function compare(major: 3 | 4, seed: number, rules: MergeRules, count = CASES) {
  const cases = valuesCases(seed, count);
  const mine = cases.map((c) => ours(c, rules));
  // cases that gitops refuses run alone in helm, so the others can share processes
  const helm = await helmValues(helmBinary(major), cases, { alone: new Set(mine.flatMap((o, i) => (o.ok ? [] : [i]))) });
  const mismatches = cases.flatMap((c, i) => {
    const a = mine[i];
    const b = helm[i];
    const same = a.ok && b.ok ? canonical(a.values) === canonical(b.values) : a.ok === b.ok;
    return same ? [] : [{ seed, case: i, layers: c.layers, sets: c.sets, helm: b, gitops: a }];
  });
  return { cases, mine, helm, mismatches };
}

describe.each(HELM_MAJORS)('gitops merge against helm %i', (major) => {
  const version = HELMS[major].version;

  it(`gives helm's values, or refuses where helm refuses, in ${CASES} generated cases (helmVersion ${version})`, async () => {
    const { mine, helm, mismatches } = await compare(major, 20261130 + major, helmRules(version));
    expect(mismatches.slice(0, 3)).toEqual([]);
    // the generator reaches both outcomes
    expect(helm.filter((o) => o.ok).length).toBeGreaterThan(CASES / 2);
    expect(mine.filter((o) => !o.ok).length).toBeGreaterThan(0);
  });

  it('tells the two Helm null rules apart: only the rules of this helm agree with it on every case', async () => {
    const other = helmRules(major === 3 ? '4.1.4' : '3.17.3');
    const { mismatches } = await compare(major, 7 + major, other, 100);
    // a nested null over a null default: kept by 4.1.4, deleted by 3.17.3
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.every((m) => m.gitops.ok && m.helm.ok)).toBe(true);
  });
});
