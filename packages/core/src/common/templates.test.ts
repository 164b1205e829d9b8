import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { renderTemplate } from './templates';

const data = { app: 'shop', env: 'qa', namespace: 'qa', tier: 'staging', cluster: 'in-cluster' };

describe('templates: shipped with the tool, overridden file by file by the workspace', () => {
  it('renders the shipped template in a workspace that has no templates/ folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    expect(renderTemplate(root, 'overlay/values-env.yaml.hbs', data)).toMatch(/qa overrides for shop/);
  });

  it("uses the workspace's own file where it has one, and the shipped one for the rest", () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    mkdirSync(join(root, 'templates/overlay'), { recursive: true });
    writeFileSync(join(root, 'templates/overlay/values-env.yaml.hbs'), '# ours: {{app}} in {{env}}\n');
    expect(renderTemplate(root, 'overlay/values-env.yaml.hbs', data)).toBe('# ours: shop in qa\n');
    expect(renderTemplate(root, 'overlay/values-cluster.yaml.hbs', data)).not.toBe('');
  });

  it('names a template neither the workspace nor the tool has', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    expect(() => renderTemplate(root, 'overlay/nope.yaml.hbs', data)).toThrow(UserError);
    expect(() => renderTemplate(root, 'overlay/nope.yaml.hbs', data)).toThrow(/template templates\/overlay\/nope\.yaml\.hbs is missing/);
  });
});
