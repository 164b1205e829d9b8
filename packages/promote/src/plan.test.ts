import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffEnvs, formatEnvDiff, loadWorkspace, resolveValues } from '@helm-values-manager/core';
import { Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../core/src/test-support/example-workspace';
import { computeEdits, writeEdits } from './edits';
import { branchName, commitMessage, formatPlanJson, formatPlanMarkdown, formatPlanText, prBody } from './format-plan';
import { gate } from './gate';
import { planPromotion } from './plan';
import { setImage } from './set-image';

const APP = 'deployment/helm/alpha-members';

function workspace(edit?: (dir: string) => void) {
  const dir = copyExampleWorkspace();
  writeEdits(dir, [setImage(loadWorkspace(dir), 'alpha-members', 'staging', '1.4.2')], 'gitops set-image');
  edit?.(dir);
  return dir;
}
const addToStagingConfig = (dir: string, lines: string) => {
  const file = join(dir, `${APP}/values-staging.yaml`);
  writeFileSync(file, readFileSync(file, 'utf8').replace('  nodeEnv: staging\n', `  nodeEnv: staging\n${lines}`));
};

describe('planPromotion', () => {
  it('copies the image tag and vetted keys, never the env-specific ones', () => {
    const dir = workspace((d) => addToStagingConfig(d, '  featureFlags:\n    newCheckout: true\n'));
    const plan = planPromotion(loadWorkspace(dir), { from: 'staging', to: ['prod'] });
    // prod's tag is set by its Application's helm parameter (what Argo CD deploys), so that is what changes.
    expect(plan.apps.map((a) => [a.overlayFile, a.kind, a.changes.map((c) => [c.key, c.to, c.from])])).toEqual([
      [`${APP}/values-prod.yaml`, 'values', [['config.featureFlags.newCheckout', undefined, true]]],
      ['argocd/applications/alpha-members-prod.yaml', 'parameter', [['image.tag', '$ARGOCD_APP_REVISION', '1.4.2']]],
    ]);
    expect(formatPlanText(plan)).toContain('image.tag: "$ARGOCD_APP_REVISION" -> "1.4.2"  [argocd/applications/alpha-members-prod.yaml:18]');
  });

  it('copies exactly what diff marks promotable: a flag under a map the target lacks, never a key only the target has', () => {
    const dir = workspace((d) => {
      addToStagingConfig(d, '  featureFlags:\n    newCheckout: true\n');
      const prod = join(d, `${APP}/values-prod.yaml`);
      writeFileSync(prod, `${readFileSync(prod, 'utf8')}\nsidecar:\n  image:\n    tag: "9.9.9"\n`);
    });
    const ws = loadWorkspace(dir);
    const diff = diffEnvs(ws, 'alpha-members', 'staging', 'prod');
    const plan = planPromotion(ws, { from: 'staging', to: ['prod'] });
    // The plan holds exactly the promotable entries of diff, split by the layer each is written to.
    const planned = plan.apps.flatMap((a) => a.changes.map((c) => c.key)).sort();
    expect(planned).toEqual(diff.entries.filter((e) => e.promotable).map((e) => e.key).sort());
    expect(formatEnvDiff(diff)).toContain('- config.featureFlags.newCheckout: true  [promotable]');
    expect(formatEnvDiff(diff)).toContain('+ sidecar.image.tag: "9.9.9"  [pinned per env]');
    expect(planned).toEqual(['config.featureFlags.newCheckout', 'image.tag']);
  });

  it('refuses to skip a stage unless forced, and fans out to every declared target', () => {
    const dir = workspace();
    const ws = loadWorkspace(dir);
    expect(() => planPromotion(ws, { from: 'dev', to: ['prod'] })).toThrow('promoting dev -> prod skips staging: the declared path is dev -> staging -> prod');
    expect(planPromotion(ws, { from: 'dev', to: ['prod'], force: true }).apps[0].to).toBe('prod');
    const gitops = join(dir, 'gitops.yaml');
    writeFileSync(gitops, readFileSync(gitops, 'utf8').replace('    - from: staging\n      to: prod', '    - from: staging\n      to: [prod, dev]'));
    expect(planPromotion(loadWorkspace(dir), { from: 'staging' }).to).toEqual(['prod', 'dev']);
  });

  it('edits only the promoted lines, validates before writing, and a second run has nothing to do', () => {
    const dir = workspace();
    let ws = loadWorkspace(dir);
    const plan = planPromotion(ws, { from: 'staging', to: ['prod'] });
    const files = computeEdits(ws, plan);
    const application = join(dir, 'argocd/applications/alpha-members-prod.yaml');
    expect(files.map((f) => f.file)).toEqual(['argocd/applications/alpha-members-prod.yaml']);
    expect(readFileSync(application, 'utf8')).toBe(files[0].before);
    expect(gate(ws, plan, files).ok).toBe(true);
    writeEdits(dir, files, 'gitops promote');
    const before = (files[0].before as string).split('\n');
    const after = readFileSync(application, 'utf8').split('\n');
    expect(after.filter((l, i) => l !== before[i])).toEqual(['          value: "1.4.2"']);
    ws = loadWorkspace(dir);
    expect(resolveValues(ws, 'alpha-members', 'prod').values.image).toMatchObject({ tag: '1.4.2' });
    expect(planPromotion(ws, { from: 'staging', to: ['prod'] }).apps).toEqual([]);
  });

  it('writes nothing when the promoted values fail validate in the target', () => {
    const dir = workspace((d) => {
      const schema = join(d, `${APP}/values.schema.json`);
      const s = JSON.parse(readFileSync(schema, 'utf8'));
      s.properties.image.properties.tag.pattern = '^[0-9]+\\.[0-9]+$';
      writeFileSync(schema, JSON.stringify(s));
    });
    const ws = loadWorkspace(dir);
    const plan = planPromotion(ws, { from: 'staging', to: ['prod'] });
    const result = gate(ws, plan, computeEdits(ws, plan));
    expect(result.ok).toBe(false);
    expect(result.introduced.find((f) => f.severity === 'error')).toMatchObject({ rule: 'schema', file: 'argocd/applications/alpha-members-prod.yaml', line: 18, path: 'image.tag' });
    expect(readFileSync(join(dir, 'argocd/applications/alpha-members-prod.yaml'), 'utf8')).not.toContain('1.4.2');
  });

  it('is not blocked by a finding the target had before the promotion', () => {
    const dir = workspace((d) => {
      // An old, unrelated error in prod: a replica count the schema refuses.
      const file = join(d, `${APP}/values-prod.yaml`);
      writeFileSync(file, readFileSync(file, 'utf8').replace('replicaCount: 3', 'replicaCount: three'));
    });
    const ws = loadWorkspace(dir);
    const plan = planPromotion(ws, { from: 'staging', to: ['prod'] });
    const result = gate(ws, plan, computeEdits(ws, plan));
    expect(result.findings.some((f) => f.severity === 'error' && f.rule === 'schema' && f.path === 'replicaCount')).toBe(true);
    expect(result.introduced).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('never shows a secret-like value in a plan, a commit message or a PR body', () => {
    // One secret found by its key's name, two by their content under an innocent key.
    const dir = workspace((d) => addToStagingConfig(d, '  featureFlags:\n    apiToken: s3cr3t-flag-token\n    webhook: https://bot:hunter2pw@hooks.example.com/x\n    javaOpts: -Xmx1g -Dspring.datasource.password=Pr0dDbPw -Duser.timezone=UTC\n'));
    const plan = planPromotion(loadWorkspace(dir), { from: 'staging', to: ['prod'] });
    const outputs = [formatPlanText(plan), formatPlanJson(plan), formatPlanMarkdown(plan), commitMessage(plan, 'abc123'), prBody(plan, { sourceSha: 'abc123', validation: 'ok' })];
    for (const out of outputs) {
      expect(out).not.toContain('s3cr3t-flag-token');
      expect(out).not.toContain('hunter2pw');
      expect(out).not.toContain('Pr0dDbPw');
    }
    // The keys are still named, each with the redaction where its value would be.
    for (const out of [formatPlanText(plan), formatPlanMarkdown(plan), prBody(plan, { sourceSha: 'abc123', validation: 'ok' })]) {
      expect(out).toMatch(/featureFlags\.apiToken\W[^\n]*<redacted>/);
      expect(out).toMatch(/featureFlags\.webhook\W[^\n]*<redacted>/);
      expect(out).toMatch(/featureFlags\.javaOpts\W[^\n]*<redacted>/);
    }
  });

  it('keeps backticks, @mentions and HTML in a promoted value inert in the PR body', () => {
    const value = "a` @octocat <img src=x onerror=alert(1)> ``` [x](javascript:alert(1)) | end`";
    const dir = workspace((d) => addToStagingConfig(d, `  featureFlags:\n    note: '${value}'\n`));
    const plan = planPromotion(loadWorkspace(dir), { from: 'staging', to: ['prod'] });
    const body = prBody(plan, { sourceSha: 'abc123', validation: 'No problems found.' });
    const codes: string[] = [];
    const walker = new Parser().parse(body).walker();
    for (let ev = walker.next(); ev; ev = walker.next()) {
      const node = ev.node;
      if (!ev.entering) continue;
      expect(node.type).not.toMatch(/^html/);
      if (node.type === 'code') codes.push(node.literal ?? '');
      if (node.type === 'text') expect(node.literal).not.toMatch(/@octocat|<img|javascript:/);
    }
    // GFM unescapes \| in a table cell; CommonMark alone keeps it
    expect(codes.map((c) => c.replace(/\\\|/g, '|'))).toContain(JSON.stringify(value));
  });

  it('names the branch after the plan, so a re-run finds it again', () => {
    const plan = planPromotion(loadWorkspace(workspace()), { from: 'staging', to: ['prod'] });
    expect(branchName(plan)).toBe('promote/staging-to-prod/alpha-members');
    expect(commitMessage(plan, 'abc123')).toMatch(/\n\nPromoted-From: staging@abc123\nPromoted-To: prod\n$/);
  });
});

describe('setImage', () => {
  it('pins a tag in the layer that sets it, keeping the comment, and refuses what is not a tag', () => {
    const dir = copyExampleWorkspace();
    const edit = setImage(loadWorkspace(dir), 'alpha-members', 'staging', '2.0.1');
    expect(edit.file).toBe(`${APP}/values-staging.yaml`);
    expect(edit.after.split('\n')[4]).toBe('  tag: "2.0.1"  # Set by CI/CD');
    // In prod the Application's helm parameter sets the tag (Argo CD applies it last): that is what changes.
    const prod = setImage(loadWorkspace(dir), 'alpha-members', 'prod', '2.0.1');
    expect(prod.file).toBe('argocd/applications/alpha-members-prod.yaml');
    expect(prod.after.split('\n')[17]).toBe('          value: "2.0.1"');
    expect(() => setImage(loadWorkspace(dir), 'alpha-members', 'prod', 'bad tag')).toThrow('"bad tag" is not an image tag');
    expect(() => setImage(loadWorkspace(dir), 'alpha-members', 'prd', '1')).toThrow(/unknown (env|environment) "prd"; did you mean "prod"\?/);
  });
});
