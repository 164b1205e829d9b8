import { cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './tool-fingerprint';

/** A package folder as npm installs one: package.json and compiled files with the same time. */
function pkg(): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-fp-'));
  mkdirSync(join(root, 'dist/render'), { recursive: true });
  const files: Record<string, string> = {
    'package.json': '{"name":"x","version":"1.0.0"}',
    'dist/index.js': 'exports.a = 1;\n',
    'dist/index.d.ts': 'export declare const a = 1;\n',
    'dist/index.js.map': '{}',
    'dist/render/schema.json': '{"type":"object"}',
  };
  for (const [f, text] of Object.entries(files)) {
    writeFileSync(join(root, f), text);
    utimesSync(join(root, f), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
  }
  return root;
}

describe('the tool fingerprint in every target', () => {
  it('is the same for the same installed files wherever they are, and changes with what runs', () => {
    const a = pkg();
    const first = fingerprintOf([a]);
    expect(fingerprintOf([a])).toBe(first);
    const b = mkdtempSync(join(tmpdir(), 'hvm-fp-copy-'));
    cpSync(a, b, { recursive: true, preserveTimestamps: true });
    // another checkout or machine with the same install: the same cached results apply
    expect(fingerprintOf([b])).toBe(first);

    // a build rewrites a file: its time changes, even where its size does not
    writeFileSync(join(b, 'dist/index.js'), 'exports.a = 2;\n');
    expect(fingerprintOf([b])).not.toBe(first);
    const c = pkg();
    writeFileSync(join(c, 'package.json'), '{"name":"x","version":"1.0.1"}');
    utimesSync(join(c, 'package.json'), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(fingerprintOf([c])).not.toBe(first);
    const d = pkg();
    writeFileSync(join(d, 'dist/render/new.js'), '');
    expect(fingerprintOf([d])).not.toBe(first);
  });

  it('leaves out type declarations and source maps, which change no result', () => {
    const a = pkg();
    const first = fingerprintOf([a]);
    writeFileSync(join(a, 'dist/index.d.ts'), 'export declare const a: number;\n');
    writeFileSync(join(a, 'dist/index.js.map'), '{"version":3}');
    expect(fingerprintOf([a])).toBe(first);
  });
});
