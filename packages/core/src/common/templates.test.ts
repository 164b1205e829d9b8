import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from './errors';
import { renderTemplate, yamlScalar } from './templates';
import { userErrorOf } from '../test-support/user-error-of';

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
    expect(userErrorOf(() => renderTemplate(root, 'overlay/nope.yaml.hbs', data)).format()).toBe(
      "templates/overlay/nope.yaml.hbs: template templates/overlay/nope.yaml.hbs is missing\n  The tool ships no template by that name and the workspace's templates/ has none: add it there, or point the generator at a template that exists.",
    );
  });

  it('renders what a generator passes from its own tree instead of the disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    expect(renderTemplate(root, 'pending.hbs', { x: 'yes' }, (name) => (name === 'pending.hbs' ? 'v: {{x}}\n' : undefined))).toBe('v: "yes"\n');
    expect(userErrorOf(() => renderTemplate(root, 'overlay/values-env.yaml.hbs', data, () => undefined)).message).toBe('template templates/overlay/values-env.yaml.hbs is missing');
  });

  it('refuses a template that is a link out of the workspace, naming it a template', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    const outside = mkdtempSync(join(tmpdir(), 'hvm-tpl-out-'));
    writeFileSync(join(outside, 't.hbs'), 'x');
    mkdirSync(join(root, 'templates'));
    symlinkSync(join(outside, 't.hbs'), join(root, 'templates/t.hbs'));
    expect(userErrorOf(() => renderTemplate(root, 't.hbs', {})).format()).toBe(
      `templates/t.hbs: is a symbolic link to ${join(realpathSync(outside), 't.hbs')}, outside the repository\n  Replace the link with the template itself; files are only read from inside the repository.`,
    );
  });
});

describe('template values are YAML scalars, never YAML syntax', () => {
  const write = (root: string, text: string) => {
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates/t.hbs'), text);
  };

  it('quotes what a YAML 1.1 reader would take for another type, and keeps numbers, booleans and null', () => {
    expect(yamlScalar(null)).toBe('null');
    expect(yamlScalar(undefined)).toBe('null');
    expect(yamlScalar(3)).toBe('3');
    expect(yamlScalar(false)).toBe('false');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('0755')).toBe('"0755"');
    expect(yamlScalar('plain')).toBe('plain');
    expect(yamlScalar('a\nb')).toBe('"a\\nb"');
    expect(yamlScalar('key: value')).toBe('"key: value"');
  });

  it('renders {{x}} quoted, {{{x}}} raw, toYaml indented under a key, and eq', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    write(root, 'a: {{x}}\nb: {{{x}}}\nc:\n  {{toYaml obj 2}}\nd: {{#if (eq x "on")}}same{{else}}other{{/if}}\ne: {{toYaml obj}}\n');
    expect(renderTemplate(root, 't.hbs', { x: 'on', obj: { k: 1, l: [true] } })).toBe('a: "on"\nb: on\nc:\n  k: 1\n  l:\n    - true\nd: same\ne: k: 1\nl:\n  - true\n');
  });

  it('writes toYaml as YAML 1.1 on unfolded lines', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    write(root, 'c:\n  {{toYaml obj 2}}\n');
    const long = 'x'.repeat(30).split('').join(' ');
    expect(renderTemplate(root, 't.hbs', { obj: { on: 'yes', text: long } })).toBe(`c:\n  "on": "yes"\n  text: ${long}\n`);
  });

  it('indents toYaml only by a number', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    write(root, 'c:\n  {{toYaml obj "4"}}\n');
    expect(renderTemplate(root, 't.hbs', { obj: { k: 1, l: 2 } })).toBe('c:\n  k: 1\nl: 2\n');
    write(root, '{{#if (eq x 1)}}one{{else}}not one{{/if}}');
    expect(renderTemplate(root, 't.hbs', { x: '1' })).toBe('not one');
  });

  it('names the template and the missing value when a template uses what the generator does not give', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    write(root, 'a: {{missing}}\n');
    const e = (() => {
      try {
        renderTemplate(root, 't.hbs', { x: 1 });
      } catch (err) {
        return err as UserError;
      }
      throw new Error('expected a UserError');
    })();
    expect(e).toBeInstanceOf(UserError);
    expect(e.format()).toBe('templates/t.hbs: template templates/t.hbs failed: "missing" not defined in [object Object] - 1:5\n  The template uses a value the generator does not provide; fix the template.');
  });

  it('reads a changed template again', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    write(root, 'v1 {{x}}');
    expect(renderTemplate(root, 't.hbs', { x: 1 })).toBe('v1 1');
    write(root, 'v2 {{x}}');
    expect(renderTemplate(root, 't.hbs', { x: 1 })).toBe('v2 1');
  });
});

describe('{{x}} in a template: a YAML 1.1 scalar that reads back as the same string', () => {
  it('writes every name as the YAML library writes it: plain, or quoted where YAML 1.1 would read another type', () => {
    const words = ['auth-0019-secrets', 'vault-prod', 'ClusterSecretStore', '1h', '30m', 'a.b', 'a/b', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'null', 'Null', 'true', 'False'];
    const numbers = ['0755', '0o17', '0x1F', '1e3', '1_000', '10', '1.0', '1.', '2024-01-01', '2001-12-14', '010', '0b1', '190'];
    const chars = 'aAyYnNoOeEfFtTlLuUrRsS0123456789_./-xXbBhm';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const generated = Array.from({ length: 20000 }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => chars[Math.floor(next() * chars.length)]).join(''));
    const root = mkdtempSync(join(tmpdir(), 'hvm-tpl-'));
    mkdirSync(join(root, 'templates'));
    writeFileSync(join(root, 'templates/one.hbs'), '{{x}}');
    const differ = [...words, ...numbers, ...generated].filter((x) => yamlScalar(x) !== stringify(x, { version: '1.1', lineWidth: 0 }).trimEnd());
    expect(differ.slice(0, 5)).toEqual([]);
    expect(renderTemplate(root, 'one.hbs', { x: 'yes' })).toBe('"yes"');
    expect(renderTemplate(root, 'one.hbs', { x: '0755' })).toBe('"0755"');
  });
});
