import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../test-support/user-error-of';
import { RENDER_MARKER, writeRendered } from './write-rendered';

const MARKER_TEXT = 'Written by gitops render: this folder is replaced whole by the next render.\n';

const repo = () => mkdtempSync(join(tmpdir(), 'hvm-write-rendered-'));

/** Every file under `dir` with its text, by path relative to `dir`. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const file = (env: string, text: string, name = 'values.yaml') => ({ path: `dist/rendered/web/${env}/${name}`, content: text });

describe('writing the rendered files', () => {
  it('writes exactly these files and the marker into dist/rendered/<app>, and says where', () => {
    const root = repo();
    const written = writeRendered(root, 'web', [file('dev', 'a: 1\n'), file('prod/eu', 'kind: Deployment\n', 'manifests.yaml'), { path: 'dist/rendered/web/prod/./x/../values.yaml', content: 'b: 2\n' }]);
    expect(written).toBe(join(root, 'dist/rendered/web'));
    expect(tree(root)).toEqual({
      [`dist/rendered/web/${RENDER_MARKER}`]: MARKER_TEXT,
      'dist/rendered/web/dev/values.yaml': 'a: 1\n',
      'dist/rendered/web/prod/eu/manifests.yaml': 'kind: Deployment\n',
      'dist/rendered/web/prod/values.yaml': 'b: 2\n',
    });
  });

  it('writes into --out, relative to the repository or absolute inside it, and nowhere outside it', () => {
    const root = repo();
    expect(writeRendered(root, 'web', [file('dev', 'a: 1\n')], { out: 'build/out' })).toBe(join(root, 'build/out/web'));
    expect(writeRendered(root, 'web', [file('dev', 'a: 2\n')], { out: join(root, 'abs') })).toBe(join(root, 'abs/web'));
    expect(tree(root)).toEqual({
      [`build/out/web/${RENDER_MARKER}`]: MARKER_TEXT,
      'build/out/web/dev/values.yaml': 'a: 1\n',
      [`abs/web/${RENDER_MARKER}`]: MARKER_TEXT,
      'abs/web/dev/values.yaml': 'a: 2\n',
    });
    const outside = `${root}-elsewhere`;
    const e = userErrorOf(() => writeRendered(root, 'web', [file('dev', 'a: 3\n')], { out: outside }));
    expect(e.message).toMatch(/^render output .*-elsewhere\/web is outside the repository/);
    expect(existsSync(outside)).toBe(false);
  });

  it("refuses to replace a folder render did not write (an app's own, for --out into the apps folder), and leaves it whole", () => {
    const root = repo();
    mkdirSync(join(root, 'apps/web'), { recursive: true });
    writeFileSync(join(root, 'apps/web/values.yaml'), 'replicaCount: 1\n');
    const e = userErrorOf(() => writeRendered(root, 'web', [file('dev', 'a: 1\n')], { out: 'apps' }));
    expect([e.message, e.file, e.hint]).toEqual([
      'apps/web exists and was not written by gitops render, so it is not replaced',
      'apps/web',
      'Render into a folder of its own (the default is dist/rendered, or --out DIR); if that folder is an old render output, delete it first.',
    ]);
    expect(tree(root)).toEqual({ 'apps/web/values.yaml': 'replicaCount: 1\n' });
    // --out .. in a repository folder named as the app: the repository itself, shown as "."
    const named = join(root, 'apps/web');
    expect(userErrorOf(() => writeRendered(named, 'web', [file('dev', 'a: 1\n')], { out: '..' })).message).toBe('. exists and was not written by gitops render, so it is not replaced');
  });

  it('replaces the previous output whole, but carries over the envs named in keep that this render did not write', () => {
    const root = repo();
    writeRendered(root, 'web', [file('dev', 'dev 1\n'), file('staging', 'staging 1\n'), file('prod', 'prod 1\n'), file('prod', 'old\n', 'manifests.yaml')]);
    writeRendered(root, 'web', [file('prod', 'prod 2\n'), file('staging', 'staging 2\n')], { keep: ['dev', 'staging', 'qa'] });
    expect(tree(join(root, 'dist/rendered/web'))).toEqual({
      [RENDER_MARKER]: MARKER_TEXT,
      'dev/values.yaml': 'dev 1\n',
      'staging/values.yaml': 'staging 2\n',
      'prod/values.yaml': 'prod 2\n',
    });
    expect(readdirSync(join(root, 'dist/rendered'))).toEqual(['web']);
  });

  it('keeps the previous output and leaves no staging folder when a file cannot be written', () => {
    const root = repo();
    writeRendered(root, 'web', [file('prod', 'prod 1\n')]);
    // prod/values.yaml written as a file, then needed as a folder
    const e = userErrorOf(() => writeRendered(root, 'web', [file('prod', 'prod 2\n'), file('prod/values.yaml', 'x\n')]));
    expect([e.message, e.file]).toEqual(['cannot be written (the previous output is kept): it already exists (EEXIST)', 'dist/rendered/web']);
    expect(tree(join(root, 'dist/rendered'))).toEqual({ [`web/${RENDER_MARKER}`]: MARKER_TEXT, 'web/prod/values.yaml': 'prod 1\n' });
  });

  it('refuses a file outside the app folder as a fault of the caller, keeping the previous output', () => {
    const root = repo();
    writeRendered(root, 'web', [file('prod', 'prod 1\n')]);
    expect(() => writeRendered(root, 'web', [file('prod', 'prod 2\n'), { path: 'dist/rendered/webapp/prod/values.yaml', content: 'x\n' }])).toThrow(
      new Error('dist/rendered/webapp/prod/values.yaml is not under dist/rendered/web/'),
    );
    expect(tree(join(root, 'dist/rendered'))).toEqual({ [`web/${RENDER_MARKER}`]: MARKER_TEXT, 'web/prod/values.yaml': 'prod 1\n' });
  });

  it("clears what killed renders of this app left, and only that: someone else's folders stay", () => {
    const root = repo();
    writeRendered(root, 'web', [file('prod', 'prod 1\n')]);
    const dir = join(root, 'dist/rendered');
    const leftover = (name: string, marked: boolean) => {
      mkdirSync(join(dir, name));
      if (marked) writeFileSync(join(dir, name, RENDER_MARKER), '');
    };
    leftover('.web.41.tmp', true);
    leftover('.web.42.tmp.old', true); // the target is there: an old copy is not put back
    leftover('.web.43.tmp', false); // not render's
    leftover('.web.x.tmp', true); // not a process id
    leftover('.web.44.tmp.bak', true);
    leftover('.api.45.tmp', true); // another app's
    // this process's own staging and set-aside names, unmarked and not empty: replaced all the same
    leftover(`.web.${process.pid}.tmp`, false);
    writeFileSync(join(dir, `.web.${process.pid}.tmp`, 'half-written.yaml'), 'x\n');
    leftover(`.web.${process.pid}.tmp.old`, false);
    writeFileSync(join(dir, `.web.${process.pid}.tmp.old`, 'stale.yaml'), 'x\n');
    writeRendered(root, 'web', [file('dev', 'dev 1\n')]);
    expect(readdirSync(dir).sort()).toEqual(['.api.45.tmp', '.web.43.tmp', '.web.44.tmp.bak', '.web.x.tmp', 'web']);
    expect(tree(join(dir, 'web'))).toEqual({ [RENDER_MARKER]: MARKER_TEXT, 'dev/values.yaml': 'dev 1\n' });
  });
});
