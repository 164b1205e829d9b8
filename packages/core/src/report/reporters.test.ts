import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { RULES } from '../rules';
import { githubAnnotations, shouldAnnotate } from './github';
import { report } from './index';
import { formatSarif, RULES_DOC_URL } from './sarif';

// The official SARIF 2.1.0 schema (its one pattern is not a valid unicode regex, hence unicodeRegExp: false).
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const findings: Finding[] = [
  { rule: 'schema', severity: 'error', message: '"1GB" must match ^[0-9]+(Mi|Gi)$', file: 'deployment/helm/a b/values-prod.yaml', line: 17, column: 13, app: 'a b', env: 'prod', path: 'resources.limits.memory', hint: 'See values.schema.json.' },
  { rule: 'plaintext-secret', severity: 'warning', message: 'holds a plaintext value (8 characters)', file: 'deployment/helm/a b/values-dev.yaml', line: 41, column: 15, app: 'a b', env: 'dev' },
  { rule: 'argocd-application-missing', severity: 'error', message: 'no Application <a&b>', file: 'gitops.yaml', line: 0, column: 0, app: 'a b', env: 'qa' },
];

describe('SARIF', () => {
  it('is valid SARIF 2.1.0, with rule descriptions and repository-relative locations', () => {
    const sarif = JSON.parse(report(findings, 'sarif'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['argocd-application-missing', 'plaintext-secret', 'schema']);
    expect(run.tool.driver.rules[1].shortDescription.text).toBe('No plaintext secret under a secret-like key');
    const schema = run.results.find((r: { ruleId: string }) => r.ruleId === 'schema');
    expect(schema.level).toBe('error');
    expect(schema.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'deployment/helm/a%20b/values-prod.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 17, startColumn: 13 } });
    // a file-level finding has no region
    expect(run.results.find((r: { ruleId: string }) => r.ruleId.startsWith('argocd')).locations[0].physicalLocation.region).toBeUndefined();
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'plaintext-secret').level).toBe('warning');
  });

  it("links each rule to its section of docs/rules.md in the tool's repository", () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/rules.md'), 'utf8');
    const headings = new Set([...doc.matchAll(/^#{2,3} (\S+)$/gm)].map((m) => m[1]));
    const everyRule: Finding[] = RULES.map((r) => ({ rule: r.id, severity: 'warning', message: 'm', file: 'f.yaml', line: 1, column: 1 }));
    const driver = JSON.parse(report(everyRule, 'sarif')).runs[0].tool.driver;
    const { repository } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(driver.informationUri).toBe(`${repository.url.replace(/^git\+|\.git$/g, '')}/blob/main/docs/rules.md`);
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(`${driver.informationUri}#${rule.id}`);
      expect(headings, `docs/rules.md has no heading for ${rule.id}`).toContain(rule.id);
    }
    expect(driver.rules).toHaveLength(RULES.length);
  });

  it('gives each result its rule, level, message and location exactly, and describes only the rules it uses', () => {
    const info: Finding = { rule: 'orphan-file', severity: 'info', message: 'no env "qa"', file: 'apps/a/values-qa.yaml', line: 3, column: 0, app: 'a' };
    const catalog = [{ id: 'schema', title: 'Values match the schema', description: 'Every env validates.', fix: 'Change the value.', defaults: RULES[0].defaults }];
    const sarif = JSON.parse(formatSarif([findings[0], info, findings[2]], catalog));
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///' } });
    expect(run.tool.driver.name).toBe('gitops');
    expect(run.tool.driver.rules).toEqual([
      // a rule the catalog does not describe still has a description and a way to its docs
      { id: 'argocd-application-missing', name: 'ArgocdApplicationMissing', shortDescription: { text: 'argocd-application-missing' }, fullDescription: { text: 'argocd-application-missing' }, help: { text: 'See docs/rules.md#argocd-application-missing.' }, helpUri: `${RULES_DOC_URL}#argocd-application-missing` },
      { id: 'orphan-file', name: 'OrphanFile', shortDescription: { text: 'orphan-file' }, fullDescription: { text: 'orphan-file' }, help: { text: 'See docs/rules.md#orphan-file.' }, helpUri: `${RULES_DOC_URL}#orphan-file` },
      { id: 'schema', name: 'Schema', shortDescription: { text: 'Values match the schema' }, fullDescription: { text: 'Every env validates.' }, help: { text: 'Change the value.', markdown: 'Every env validates.\n\n**Fix:** Change the value.' }, helpUri: `${RULES_DOC_URL}#schema` },
    ]);
    expect(run.results.map((r: { partialFingerprints: unknown }) => ({ ...r, partialFingerprints: undefined }))).toEqual([
      { ruleId: 'orphan-file', ruleIndex: 1, level: 'note', message: { text: 'no env "qa"' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'apps/a/values-qa.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1 } } }] },
      { ruleId: 'schema', ruleIndex: 2, level: 'error', message: { text: 'resources.limits.memory: "1GB" must match ^[0-9]+(Mi|Gi)$ [prod]' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'deployment/helm/a%20b/values-prod.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 17, startColumn: 13 } } }] },
      { ruleId: 'argocd-application-missing', ruleIndex: 0, level: 'error', message: { text: 'no Application <a&b> [qa]' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'gitops.yaml', uriBaseId: '%SRCROOT%' } } }] },
    ]);
    // without a catalog every rule is described by its id
    expect(JSON.parse(formatSarif([findings[0]], [])).runs[0].tool.driver.rules[0].shortDescription).toEqual({ text: 'schema' });
  });

  it('fingerprints each problem stably: the same across runs and line moves, different for another rule, file, key, env or message', () => {
    const fingerprint = (f: Finding) => JSON.parse(formatSarif([f], RULES)).runs[0].results[0].partialFingerprints['gitops/v1'];
    const base = findings[0];
    // code scanning keeps its alerts by this value, so it must not change between releases either: the first
    // 32 hex digits of sha256(rule NUL file NUL key NUL env NUL message), as `printf '…\\0…' | sha256sum` prints
    expect(fingerprint(base)).toBe('a389a1854e1dbdc46d3ac639496c9038');
    expect(fingerprint({ ...base, path: undefined, env: undefined })).toBe('da7e078b525014c71da43ab0bd3a2b73');
    expect(fingerprint({ ...base, line: 40, column: 2 })).toBe(fingerprint(base));
    const others = [{ rule: 'policy' }, { file: 'deployment/helm/a b/values-qa.yaml' }, { path: 'resources.limits.cpu' }, { path: undefined }, { env: 'qa' }, { env: undefined }, { message: 'other' }].map((o) => fingerprint({ ...base, ...o }));
    expect(new Set([fingerprint(base), ...others]).size).toBe(others.length + 1);
    // fields are kept apart: moving text from one to the next is another problem
    expect(fingerprint({ ...base, rule: 'sche', file: `ma${base.file}` })).not.toBe(fingerprint(base));
  });

  it('is valid with no findings too', () => {
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    expect(ajv.validate(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')), JSON.parse(report([], 'sarif')))).toBe(true);
  });
});

describe('JUnit', () => {
  it('has a suite per app, failures for errors, skipped cases for warnings, and escapes XML', () => {
    const xml = report(findings, 'junit', { apps: ['a b', 'clean'] });
    expect(xml).toContain('<testsuite name="a b" tests="3" failures="2" skipped="1">');
    expect(xml).toContain('<testsuite name="clean" tests="1" failures="0" skipped="0">');
    expect(xml).toContain('message="no Application &lt;a&amp;b&gt;"');
    expect(xml).toContain('<skipped message="warning: holds a plaintext value (8 characters)"/>');
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });
});

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in file names and titles, as GitHub documents', () => {
    const odd: Finding = { rule: 'schema', severity: 'info', message: 'a\r\nb, c: 100%', file: 'apps/a,b/values:prod%.yaml', line: 3, column: 0, app: 'a', env: 'prod:eu,1' };
    expect(githubAnnotations([odd, findings[1], findings[2]]).split('\n')).toEqual([
      '::notice file=apps/a%2Cb/values%3Aprod%25.yaml,line=3,col=1,title=schema (prod%3Aeu%2C1)::a%0D%0Ab, c: 100%25',
      '::warning file=deployment/helm/a b/values-dev.yaml,line=41,col=15,title=plaintext-secret (dev)::holds a plaintext value (8 characters)',
      '::error file=gitops.yaml,title=argocd-application-missing (qa)::no Application <a&b>',
      '',
    ]);
    // a finding of no env is titled by its rule alone
    expect(githubAnnotations([{ ...findings[2], env: undefined }])).toBe('::error file=gitops.yaml,title=argocd-application-missing::no Application <a&b>\n');
  });

  it('annotates only inside GitHub Actions', () => {
    expect([shouldAnnotate({ GITHUB_ACTIONS: 'true' }), shouldAnnotate({ GITHUB_ACTIONS: 'false' }), shouldAnnotate({ CI: 'true' })]).toEqual([true, false, false]);
  });

  it('prints workflow commands with GitHub escaping', () => {
    const out = githubAnnotations([{ ...findings[0], message: '50% done, a: b\nnext' }]);
    expect(out).toBe('::error file=deployment/helm/a b/values-prod.yaml,line=17,col=13,title=schema (prod)::resources.limits.memory: 50%25 done, a: b%0Anext%0ASee values.schema.json.\n');
    expect(githubAnnotations([findings[1]])).toMatch(/^::warning /);
    expect(githubAnnotations([findings[2]])).toBe('::error file=gitops.yaml,title=argocd-application-missing (qa)::no Application <a&b>\n');
  });
});
