import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded, readBoundedText, tooLarge } from './read-bounded';
import { userErrorOf } from '../test-support/user-error-of';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-read-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app/values.yaml'), 'a: 1\n');
  return dir;
}

describe('readBounded', () => {
  it('reads a regular file of the repository, and one reached by a link inside it', () => {
    const dir = repo();
    symlinkSync('values.yaml', join(dir, 'app/linked.yaml'));
    expect(readBounded(join(dir, 'app/values.yaml'), 'app/values.yaml').toString()).toBe('a: 1\n');
    expect(readBounded(join(dir, 'app/linked.yaml'), 'app/linked.yaml').toString()).toBe('a: 1\n');
  });

  it('refuses a link to /dev/zero instead of reading without end', () => {
    const dir = repo();
    symlinkSync('/dev/zero', join(dir, 'app/values.schema.json'));
    const e = userErrorOf(() => readBounded(join(dir, 'app/values.schema.json'), 'app/values.schema.json'));
    expect(e.format()).toMatch(/^app\/values\.schema\.json: is a symbolic link to \/dev\/zero, outside the repository/);
    // Named on the command line (no containment), the device is still refused: it is not a regular file.
    expect(userErrorOf(() => readBounded('/dev/zero', '/dev/zero', { root: null })).message).toBe('is a device, not a regular file');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = repo();
    execFileSync('mkfifo', [join(dir, 'app/secrets.yaml')]);
    const e = userErrorOf(() => readBounded(join(dir, 'app/secrets.yaml'), 'app/secrets.yaml'));
    expect(e.message).toBe('is a named pipe (FIFO), not a regular file');
  });

  it('refuses a link leading out of the repository', () => {
    const dir = repo();
    const outside = mkdtempSync(join(tmpdir(), 'hvm-outside-'));
    writeFileSync(join(outside, 'passwd'), 'root:x:0:0\n');
    symlinkSync(join(outside, 'passwd'), join(dir, 'app/values-prod.yaml'));
    expect(userErrorOf(() => readBounded(join(dir, 'app/values-prod.yaml'), 'app/values-prod.yaml')).message).toMatch(/outside the repository/);
  });

  it('stops at the size cap, and names a missing file and a folder with what to do', () => {
    const dir = repo();
    writeFileSync(join(dir, 'app/big.yaml'), 'x'.repeat(2000));
    expect(userErrorOf(() => readBounded(join(dir, 'app/big.yaml'), 'app/big.yaml', { maxBytes: 1000, kind: 'values file' })).message).toBe('values file is 2000 bytes, over the 1000-byte limit');
    const missing = userErrorOf(() => readBounded(join(dir, 'app/none.yaml'), 'app/none.yaml'));
    expect(missing.format()).toBe('app/none.yaml: cannot be read: no such file or folder (ENOENT)\n  Check the path; a folder on the way may be missing.');
    expect(userErrorOf(() => readBounded(join(dir, 'app'), 'app')).message).toBe('is a folder, not a regular file');
  });

  it('reads a file of exactly the cap, larger than one chunk, and says where and what to do when over it', () => {
    const dir = repo();
    const text = 'é'.repeat(50_000);
    writeFileSync(join(dir, 'app/exact.yaml'), text);
    expect(readBoundedText(join(dir, 'app/exact.yaml'), 'app/exact.yaml', { maxBytes: 100_000 })).toBe(text);
    expect(readBounded(join(dir, 'app/values.yaml'), 'app/values.yaml', { maxBytes: 5 }).toString()).toBe('a: 1\n');
    const e = userErrorOf(() => readBounded(join(dir, 'app/exact.yaml'), 'app/exact.yaml', { maxBytes: 99_999 }));
    expect(e.format()).toBe('app/exact.yaml:1:1: file is 100000 bytes, over the 99999-byte limit\n  Files this large are refused to keep checks fast and safe; split it into smaller files.');
    expect(tooLarge('x.yaml', 11, 10, 'schema', true).message).toBe('schema is at least 11 bytes, over the 10-byte limit');
  });

  it('takes the repository root the shown path implies, and no root for a path the user gave outside it', () => {
    const dir = repo();
    const outside = mkdtempSync(join(tmpdir(), 'hvm-outside-'));
    writeFileSync(join(outside, 'v.yaml'), 'b: 2\n');
    symlinkSync(join(outside, 'v.yaml'), join(dir, 'app/link.yaml'));
    // shown as ../ or absolute: the user named it, it may be anywhere
    expect(readBounded(join(dir, 'app/link.yaml'), '../link.yaml').toString()).toBe('b: 2\n');
    expect(readBounded(join(dir, 'app/link.yaml'), join(dir, 'app/link.yaml')).toString()).toBe('b: 2\n');
    // a shown path that is not the tail of the real one implies no root either
    expect(readBounded(join(dir, 'app/link.yaml'), 'other/link.yaml').toString()).toBe('b: 2\n');
    // an explicit root wins over the implied one
    expect(userErrorOf(() => readBounded(join(dir, 'app/link.yaml'), 'link.yaml', { root: join(dir, 'app') })).message).toMatch(/^is a symbolic link to .*v\.yaml, outside the repository$/);
    expect(userErrorOf(() => readBounded(join(dir, 'app/link.yaml'), 'app/link.yaml', { kind: 'schema' })).hint).toBe('Replace the link with the schema itself; files are only read from inside the repository.');
  });

  it('counts what it reads, not what the file says it holds: a file that grows is stopped at the cap', () => {
    // the kernel gives /proc files a size of 0, whatever they hold
    const e = userErrorOf(() => readBounded('/proc/self/status', '/proc/self/status', { root: null, maxBytes: 10, kind: 'values file' }));
    expect(e.format()).toBe('/proc/self/status:1:1: values file is at least 11 bytes, over the 10-byte limit\n  Files this large are refused to keep checks fast and safe; split it into smaller files.');
    expect(readBoundedText('/proc/self/status', '/proc/self/status', { root: null })).toMatch(/^Name:/);
  });

  it('reads an empty file as empty', () => {
    const dir = repo();
    writeFileSync(join(dir, 'app/empty.yaml'), '');
    expect(readBoundedText(join(dir, 'app/empty.yaml'), 'app/empty.yaml')).toBe('');
  });

  it('reads no more than one byte past the cap, whatever each read returns', () => {
    // the kernel hands /proc/self/smaps out a page at a time
    expect(userErrorOf(() => readBounded('/proc/self/smaps', '/proc/self/smaps', { root: null, maxBytes: 5000 })).message).toBe('file is at least 5001 bytes, over the 5000-byte limit');
  });

  it('closes every file it opens, read or refused', () => {
    const dir = repo();
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 40; i++) {
      readBounded(join(dir, 'app/values.yaml'), 'app/values.yaml');
      userErrorOf(() => readBounded(join(dir, 'app'), 'app'));
    }
    expect(open() - before).toBeLessThan(40);
  });

  it('says what to put where something else than a regular file is, and reads a file the user named through a link anywhere', () => {
    const dir = repo();
    expect(userErrorOf(() => readBounded(join(dir, 'app'), 'app', { kind: 'values file' })).format()).toBe('app: is a folder, not a regular file\n  Put a regular values file there.');
    const outside = mkdtempSync(join(tmpdir(), 'hvm-outside-'));
    writeFileSync(join(outside, 'v.yaml'), 'c: 3\n');
    symlinkSync(join(outside, 'v.yaml'), join(dir, 'app/named.yaml'));
    expect(readBoundedText(join(dir, 'app/named.yaml'), 'app/named.yaml', { root: null })).toBe('c: 3\n');
  });
});
