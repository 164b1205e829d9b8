import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { RULES } from '../rules';
import { githubAnnotations } from './github';
import { report } from './index';

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
  it('prints workflow commands with GitHub escaping', () => {
    const out = githubAnnotations([{ ...findings[0], message: '50% done, a: b\nnext' }]);
    expect(out).toBe('::error file=deployment/helm/a b/values-prod.yaml,line=17,col=13,title=schema (prod)::resources.limits.memory: 50%25 done, a: b%0Anext%0ASee values.schema.json.\n');
    expect(githubAnnotations([findings[1]])).toMatch(/^::warning /);
    expect(githubAnnotations([findings[2]])).toBe('::error file=gitops.yaml,title=argocd-application-missing (qa)::no Application <a&b>\n');
  });
});
