import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePending, PENDING_WRITE, pendingWrite, removeEmptyDirs, rollBackPendingWrite, writeChangeSet, writeJournal, writeOutputFile } from './change-set';
import { userErrorOf } from '../test-support/user-error-of';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-changes-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app/values.yaml'), 'a: 1\n');
  writeFileSync(join(dir, 'gitops.yaml'), 'apps: app\n');
  return dir;
}

/** Every file and folder under dir, with file contents. */
function state(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const rel = join(e.parentPath, e.name).slice(dir.length + 1);
    out[rel] = e.isFile() ? readFileSync(join(dir, rel), 'utf8') : e.isDirectory() ? '<dir>' : '<other>';
  }
  return out;
}

describe('writeChangeSet', () => {
  it('writes, replaces and deletes every file of the set, creating folders, and leaves no journal', () => {
    const dir = repo();
    writeFileSync(join(dir, 'app/old.yaml'), 'old\n');
    writeChangeSet(dir, [
      { path: 'app/values.yaml', content: 'a: 2\n' },
      { path: 'argocd/apps/app-qa.yaml', content: 'kind: Application\n' },
      { path: 'app/old.yaml', content: null },
    ], 'test');
    expect(state(dir)).toEqual({
      app: '<dir>',
      'app/values.yaml': 'a: 2\n',
      argocd: '<dir>',
      'argocd/apps': '<dir>',
      'argocd/apps/app-qa.yaml': 'kind: Application\n',
      'gitops.yaml': 'apps: app\n',
    });
  });

  it('refuses a path out of the repository, also through a symbolic link, and writes none of the set', () => {
    const dir = repo();
    const outside = mkdtempSync(join(tmpdir(), 'hvm-escape-'));
    symlinkSync(outside, join(dir, 'linked'));
    const before = state(dir);
    for (const path of ['../escape/apps/app-qa.yaml', 'linked/app-qa.yaml']) {
      const e = userErrorOf(() => writeChangeSet(dir, [{ path: 'app/values-qa.yaml', content: 'x: 1\n' }, { path, content: 'kind: Application\n' }], 'test'));
      expect(e.message).toMatch(new RegExp(`^refusing to write ${path.replace(/\./g, '\\.')} is outside the repository`));
    }
    expect(state(dir)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('changes nothing when one file of the set cannot be written, and says which and why', () => {
    const dir = repo();
    // A file where a folder must be: the write of the third file fails.
    writeFileSync(join(dir, 'blocked'), 'a file\n');
    const before = state(dir);
    const e = userErrorOf(() =>
      writeChangeSet(dir, [
        { path: 'app/values.yaml', content: 'a: 2\n' },
        { path: 'new/folder/file.yaml', content: 'b: 1\n' },
        { path: 'blocked/app-qa.yaml', content: 'c: 1\n' },
      ], 'test'),
    );
    expect(e.format()).toBe('blocked/app-qa.yaml: cannot be written (nothing was changed): a part of the path is a file, where a folder was expected (ENOTDIR)\n  Move that file away or fix the path.');
    expect(state(dir)).toEqual(before);
  });

  it('rolls back an interrupted change set before the next one: created files go, changed files get their old content', () => {
    const dir = repo();
    // What a run killed half-way through its renames leaves: the journal, one file renamed in, one staged.
    writeJournal(dir, {
      id: '1-abcd',
      by: 'nx g env',
      entries: [
        { path: 'app/values.yaml', before: Buffer.from('a: 1\n').toString('base64'), staged: 'app/values.yaml.1-abcd.tmp' },
        { path: 'app/values-qa.yaml', before: null, staged: 'app/values-qa.yaml.1-abcd.tmp' },
        { path: 'argocd/app-qa.yaml', before: null, staged: 'argocd/app-qa.yaml.1-abcd.tmp' },
      ],
      createdDirs: ['argocd'],
    });
    writeFileSync(join(dir, 'app/values.yaml'), 'a: half-written\n');
    writeFileSync(join(dir, 'app/values-qa.yaml'), 'qa: 1\n');
    mkdirSync(join(dir, 'argocd'));
    writeFileSync(join(dir, 'argocd/app-qa.yaml.1-abcd.tmp'), 'staged\n');
    expect(pendingWrite(dir)?.by).toBe('nx g env');
    writeChangeSet(dir, [{ path: 'app/values-dev.yaml', content: 'dev: 1\n' }], 'test');
    expect(state(dir)).toEqual({ app: '<dir>', 'app/values.yaml': 'a: 1\n', 'app/values-dev.yaml': 'dev: 1\n', 'gitops.yaml': 'apps: app\n' });
    expect(existsSync(join(dir, PENDING_WRITE))).toBe(false);
    expect(rollBackPendingWrite(dir)).toBeUndefined();
  });

  it('keeps what a user added to a folder the interrupted run created', () => {
    const dir = repo();
    writeJournal(dir, { id: '2-abcd', by: 'nx g app', entries: [{ path: 'new/values.yaml', before: null }], createdDirs: ['new'] });
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'new/values.yaml'), 'generated\n');
    writeFileSync(join(dir, 'new/notes.md'), 'mine\n');
    rollBackPendingWrite(dir);
    expect(readdirSync(join(dir, 'new'))).toEqual(['notes.md']);
  });

  it('writes and removes a task output file on its own, never rolling back a pending change set, never outside', () => {
    const dir = repo();
    writeJournal(dir, { id: '3-abcd', by: 'nx g env', entries: [{ path: 'app/values-qa.yaml', before: null }], createdDirs: [] });
    writeFileSync(join(dir, 'app/values-qa.yaml'), 'qa: 1\n');
    writeOutputFile(dir, 'dist/reports/validate/app.json', '{}\n');
    expect(readFileSync(join(dir, 'dist/reports/validate/app.json'), 'utf8')).toBe('{}\n');
    writeOutputFile(dir, 'dist/reports/validate/app.json', null);
    expect(readdirSync(join(dir, 'dist/reports/validate'))).toEqual([]);
    expect(existsSync(join(dir, 'app/values-qa.yaml'))).toBe(true);
    expect(pendingWrite(dir)?.id).toBe('3-abcd');
    expect(() => writeOutputFile(dir, '../elsewhere.json', '{}')).toThrow(/^refusing to write \.\.\/elsewhere\.json is outside the repository/);
  });

  it('reads an empty journal as an interrupted run that wrote nothing, and refuses a damaged one with what to do', () => {
    const dir = repo();
    mkdirSync(join(dir, '.gitops'));
    writeFileSync(join(dir, PENDING_WRITE), ' \n');
    expect(pendingWrite(dir)).toEqual({ id: '', by: 'an interrupted run', entries: [], createdDirs: [] });
    writeFileSync(join(dir, PENDING_WRITE), '{"id": ');
    expect(userErrorOf(() => pendingWrite(dir)).format()).toBe(
      `${PENDING_WRITE}: the journal of an interrupted write is damaged\n  Check the changed files with \`git status\`, restore what you need, then delete the journal.`,
    );
    expect(userErrorOf(() => writeChangeSet(dir, [{ path: 'x.yaml', content: 'x' }], 'test')).message).toBe('the journal of an interrupted write is damaged');
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
    expect(pendingWrite(repo())).toBeUndefined();
  });

  it('says what an interrupted run was writing', () => {
    expect(describePending({ id: '1', by: 'nx g env', entries: [{ path: 'a', before: null }], createdDirs: [] })).toBe('nx g env was interrupted while writing 1 file');
    expect(describePending({ id: '1', by: 'gitops promote', entries: [], createdDirs: [] })).toBe('gitops promote was interrupted while writing 0 files');
    expect(describePending({ id: '1', by: 'x', entries: [{ path: 'a', before: null }, { path: 'b', before: null }], createdDirs: [] })).toBe('x was interrupted while writing 2 files');
  });

  it('refuses to write over a folder, naming it', () => {
    const dir = repo();
    const e = userErrorOf(() => writeChangeSet(dir, [{ path: 'app/new.yaml', content: 'x' }, { path: 'app', content: 'x' }], 'test'));
    expect(e.format()).toBe('app: is a folder, where a file is to be written\n  Move it away and run again.');
    expect(existsSync(join(dir, 'app/new.yaml'))).toBe(false);
    expect(readdirSync(join(dir, 'app'))).toEqual(['values.yaml']);
  });

  it('writes bytes as they are, and a deletion of a file that is not there is no error', () => {
    const dir = repo();
    writeChangeSet(dir, [{ path: 'bin/blob', content: new Uint8Array([0, 255, 10]) }, { path: 'nothing-here.yaml', content: null }], 'test');
    expect([...readFileSync(join(dir, 'bin/blob'))]).toEqual([0, 255, 10]);
    expect(existsSync(join(dir, '.gitops'))).toBe(false);
  });

  it('removes emptied folders only, deepest first, and leaves the root and files alone', () => {
    const dir = repo();
    mkdirSync(join(dir, 'a/b/c'), { recursive: true });
    mkdirSync(join(dir, 'k'));
    writeFileSync(join(dir, 'k/keep.txt'), 'x');
    removeEmptyDirs(dir, ['a', 'k', '.', '', 'missing', 'gitops.yaml']);
    expect(state(dir)).toEqual({ app: '<dir>', 'app/values.yaml': 'a: 1\n', 'gitops.yaml': 'apps: app\n', k: '<dir>', 'k/keep.txt': 'x' });
  });

  it('names a task output that cannot be written by its path', () => {
    const dir = repo();
    writeFileSync(join(dir, 'dist'), 'a file where the folder goes');
    expect(userErrorOf(() => writeOutputFile(dir, 'dist/reports/app.json', '{}')).format()).toBe('dist/reports/app.json: cannot be written: a part of the path is a file, where a folder was expected (ENOTDIR)\n  Move that file away or fix the path.');
    writeOutputFile(dir, 'app', null);
    expect(existsSync(join(dir, 'app/values.yaml'))).toBe(true);
  });

  it('names the folder that cannot be created for a new file, and changes nothing', () => {
    const dir = repo();
    writeFileSync(join(dir, 'blocked'), 'a file\n');
    const before = state(dir);
    const e = userErrorOf(() => writeChangeSet(dir, [{ path: 'app/values.yaml', content: 'a: 2\n' }, { path: 'blocked/deeper/x.yaml', content: 'x' }], 'test'));
    expect(e.format()).toBe('blocked/deeper: cannot be created: a part of the path is a file, where a folder was expected (ENOTDIR)\n  Move that file away or fix the path.');
    expect(state(dir)).toEqual(before);
  });

  it('reads a journal that cannot be read as no journal', () => {
    const dir = repo();
    mkdirSync(join(dir, PENDING_WRITE), { recursive: true });
    expect(pendingWrite(dir)).toBeUndefined();
  });

  it('keeps, on rollback, a folder that now stands where the interrupted run created a file', () => {
    const dir = repo();
    writeJournal(dir, { id: '4-abcd', by: 'nx g env', entries: [{ path: 'app/new', before: null }], createdDirs: [] });
    mkdirSync(join(dir, 'app/new'));
    writeFileSync(join(dir, 'app/new/mine.yaml'), 'x\n');
    expect(rollBackPendingWrite(dir)?.id).toBe('4-abcd');
    expect(readFileSync(join(dir, 'app/new/mine.yaml'), 'utf8')).toBe('x\n');
    expect(existsSync(join(dir, '.gitops'))).toBe(false);
  });

  it('rolls back what it renamed when a later step of the same set fails, and leaves no journal', () => {
    const dir = repo();
    mkdirSync(join(dir, 'app/nested'));
    const before = state(dir);
    // deleting x fails once x is the folder this very set creates for x/y.yaml
    for (const changes of [
      [{ path: 'app/values.yaml', content: 'a: 2\n' }, { path: 'app/nested/new/y.yaml', content: 'y\n' }, { path: 'x', content: null }, { path: 'x/y.yaml', content: '1\n' }],
      [{ path: 'x', content: null }, { path: 'app/values.yaml', content: 'a: 2\n' }, { path: 'x/y.yaml', content: '1\n' }],
    ]) {
      expect(() => writeChangeSet(dir, changes, 'test')).toThrow(expect.objectContaining({ code: 'ERR_FS_EISDIR' }));
      expect(state(dir)).toEqual(before);
    }
  });

  it('refuses a set that writes one file twice, changing nothing', () => {
    const dir = repo();
    const before = state(dir);
    const e = userErrorOf(() => writeChangeSet(dir, [{ path: 'app/values.yaml', content: 'a: 2\n' }, { path: 'app/values.yaml', content: 'a: 3\n' }], 'test'));
    expect(e.format()).toBe('app/values.yaml: cannot be written (nothing was changed): it already exists (EEXIST)\n  Move it away and run again.');
    expect(state(dir)).toEqual(before);
  });

  it('writes its journal beside files a user keeps in .gitops, and replaces a file of any size', () => {
    const dir = repo();
    mkdirSync(join(dir, '.gitops'));
    writeFileSync(join(dir, '.gitops/notes.md'), 'mine\n');
    writeFileSync(join(dir, 'app/big.yaml'), 'x'.repeat(6 * 1024 * 1024));
    writeChangeSet(dir, [{ path: 'app/big.yaml', content: 'small\n' }], 'test');
    expect(readFileSync(join(dir, 'app/big.yaml'), 'utf8')).toBe('small\n');
    expect(readdirSync(join(dir, '.gitops'))).toEqual(['notes.md']);
  });

  it('refuses to restore a journal entry outside the repository', () => {
    const dir = repo();
    writeJournal(dir, { id: '5-abcd', by: 'nx g env', entries: [{ path: '../evil.yaml', before: null }], createdDirs: [] });
    expect(userErrorOf(() => rollBackPendingWrite(dir)).message).toMatch(/^cannot restore \.\.\/evil\.yaml is outside the repository/);
  });

  it('never prunes the root or folders nobody named, and keeps a folder whose subfolder holds a file', () => {
    const dir = repo();
    mkdirSync(join(dir, 'empty-but-mine'));
    mkdirSync(join(dir, 'k/sub'), { recursive: true });
    writeFileSync(join(dir, 'k/sub/keep.txt'), 'x');
    removeEmptyDirs(dir, ['', '.', 'k']);
    const bare = mkdtempSync(join(tmpdir(), 'hvm-bare-'));
    mkdirSync(join(bare, 'empty'));
    removeEmptyDirs(bare, ['', '.']);
    expect(readdirSync(bare)).toEqual(['empty']);
    expect(state(dir)).toEqual({ app: '<dir>', 'app/values.yaml': 'a: 1\n', 'empty-but-mine': '<dir>', 'gitops.yaml': 'apps: app\n', k: '<dir>', 'k/sub': '<dir>', 'k/sub/keep.txt': 'x' });
  });
});
