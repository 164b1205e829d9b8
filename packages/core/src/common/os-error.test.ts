import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOsError, osUserError, type OsError } from './os-error';

function thrown(f: () => unknown): OsError {
  try {
    f();
  } catch (e) {
    if (isOsError(e)) return e;
    throw e;
  }
  throw new Error('expected an OS error');
}

describe('errors of the operating system as user errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-os-'));

  it('recognises errors of system calls only', () => {
    expect(isOsError(thrown(() => readFileSync(join(dir, 'missing'))))).toBe(true);
    expect(isOsError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isOsError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE', syscall: 'open' }))).toBe(false);
    expect(isOsError(Object.assign(new Error('x'), { code: 'enoent', syscall: 'open' }))).toBe(false);
    expect(isOsError({ code: 'ENOENT', syscall: 'open' })).toBe(false);
  });

  it('says what could not be done, why and what to do, naming the path as the user knows it', () => {
    const missing = osUserError(thrown(() => readFileSync(join(dir, 'missing'))), 'values/missing.yaml');
    expect(missing.format()).toBe('values/missing.yaml: cannot be read: no such file or folder (ENOENT)\n  Check the path; a folder on the way may be missing.');
    expect(missing.exitCode).toBe(2);
    const folder = osUserError(thrown(() => readFileSync(dir)), 'values');
    expect(folder.message).toBe('cannot be used: it is a folder, where a file was expected (EISDIR)');
    writeFileSync(join(dir, 'plain'), 'x');
    const write = osUserError(thrown(() => mkdirSync(join(dir, 'plain/sub'))), undefined);
    expect(write.file).toBe(join(dir, 'plain/sub'));
    expect(write.format()).toBe(`${join(dir, 'plain/sub')}: cannot be written: a part of the path is a file, where a folder was expected (ENOTDIR)\n  Move that file away or fix the path.`);
    expect(osUserError(thrown(() => mkdirSync(join(dir, 'plain/sub'))), 'out', 'cannot be created').message).toBe('cannot be created: a part of the path is a file, where a folder was expected (ENOTDIR)');
  });

  it('reads a denied open as "cannot be read", and words an unknown code from the message', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open', path: '/x' }) as OsError;
    expect(osUserError(denied, 'x.yaml').format()).toBe('x.yaml: cannot be read: permission denied (EACCES)\n  Give the user running this command access to it (and to its folder), or run where you may write.');
    const odd = Object.assign(new Error("ECONNRESET: connection reset by peer, read '/y'"), { code: 'ECONNRESET', syscall: 'read' }) as OsError;
    expect(osUserError(odd, undefined).format()).toBe('a file cannot be used: connection reset by peer (ECONNRESET)\n  Check the path and its permissions, and run again.');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }) as OsError;
    expect(osUserError(full, 'r.json').message).toBe('cannot be written: no space left on the device (ENOSPC)');
  });

  it('says "cannot be written" of an open for writing that only writing can fail (read-only disk, full disk, a file in the way)', () => {
    for (const [code, says] of [['EROFS', 'the file system is read-only'], ['ENOSPC', 'no space left on the device'], ['EDQUOT', 'the disk quota is exhausted']]) {
      const opened = Object.assign(new Error(`${code}: ${says}, open '/w'`), { code, syscall: 'open', path: '/w' }) as OsError;
      expect(osUserError(opened, 'values-prod.yaml').message).toBe(`cannot be written: ${says} (${code})`);
    }
    writeFileSync(join(dir, 'taken'), 'x');
    const taken = thrown(() => writeFileSync(join(dir, 'taken'), 'y', { flag: 'wx' }));
    expect(taken.syscall).toBe('open');
    expect(osUserError(taken, 'taken').message).toBe('cannot be written: it already exists (EEXIST)');
  });

  it('tells reading from writing by the system call, and a missing or denied file from one that is there but unusable', () => {
    const fail = (code: string, syscall: string) => osUserError(Object.assign(new Error(`${code}: x, ${syscall} '/p'`), { code, syscall, path: '/p' }) as OsError, 'p').message.split(':')[0];
    for (const syscall of ['open', 'read', 'stat', 'lstat', 'fstat', 'scandir', 'readlink', 'realpath', 'access']) {
      expect(fail('ENOENT', syscall), syscall).toBe('cannot be read');
      expect(fail('EACCES', syscall), syscall).toBe('cannot be read');
      expect(fail('ELOOP', syscall), syscall).toBe('cannot be used');
    }
    for (const syscall of ['write', 'rename', 'mkdir', 'unlink', 'rmdir', 'opendir', 'xopen', 'reads', 'copyfile']) expect(fail('ENOENT', syscall), syscall).toBe('cannot be written');
    for (const code of ['EROFS', 'ENOSPC', 'EDQUOT', 'EEXIST', 'ENOTEMPTY']) expect(fail(code, 'open'), code).toBe('cannot be written');
    expect(osUserError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/p' }) as OsError, undefined).message).toBe('cannot be written: no such file or folder (ENOENT)');
  });

  it('words an unknown code by the message of the system, without its code and path', () => {
    const odd = Object.assign(new Error("EWEIRD: something odd happened, open '/srv/a b/x.yaml'"), { code: 'EWEIRD', syscall: 'open', path: '/srv/a b/x.yaml' }) as OsError;
    expect(osUserError(odd, 'x.yaml').format()).toBe('x.yaml: cannot be used: something odd happened (EWEIRD)\n  Check the path and its permissions, and run again.');
    expect(isOsError(Object.assign(new Error('x'), { code: 'XENOENT', syscall: 'open' }))).toBe(false);
    expect(isOsError(Object.assign(new Error('x'), { code: 'ENOENT ', syscall: 'open' }))).toBe(false);
    expect(isOsError(Object.assign(new Error('x'), { code: 'E2BIG', syscall: 'spawn' }))).toBe(true);
  });
});
