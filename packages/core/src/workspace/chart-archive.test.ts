import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { chartArchiveFiles } from './chart-archive';

// Archives made by the real tar and helm: every regular file below the chart's top folder.
const LONG = `templates/${'very-long-folder-name/'.repeat(5)}deployment.yaml`;
const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.2.3\n',
  'values.yaml': 'replicas: 1\n',
  [LONG]: 'kind: Deployment\n',
  'files/empty.txt': '',
};

function chartDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-archive-'));
  for (const [f, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, 'redis', f)), { recursive: true });
    writeFileSync(join(root, 'redis', f), text);
  }
  return root;
}
const asText = (files: Map<string, Buffer>) => Object.fromEntries([...files].map(([k, v]) => [k, v.toString('utf8')]).sort());
const sorted = Object.fromEntries(Object.entries(FILES).sort());

describe('chartArchiveFiles', () => {
  it.each(['gnu', 'pax', 'ustar'])('reads a %s tar, long names included, without folders or links', (format) => {
    const root = chartDir();
    execFileSync('ln', ['-s', 'values.yaml', join(root, 'redis', 'link.yaml')]);
    const tgz = join(root, 'redis.tgz');
    execFileSync('tar', ['-czf', tgz, `--format=${format}`, '-C', root, 'redis']);
    expect(asText(chartArchiveFiles(readFileSync(tgz), 'charts/redis.tgz'))).toEqual(sorted);
  });

  it.each(HELM_MAJORS)('reads what helm %i package writes', (major) => {
    const root = chartDir();
    execFileSync(helmBinary(major), ['package', join(root, 'redis'), '-d', root], { stdio: 'pipe' });
    expect(asText(chartArchiveFiles(readFileSync(join(root, 'redis-1.2.3.tgz')), 'charts/redis-1.2.3.tgz'))).toEqual(sorted);
  });

  it('reads a regular file of an old (v7) header, whose type is NUL and which has no ustar prefix', () => {
    const header = Buffer.alloc(512);
    header.write('redis/templates/a.yaml', 0);
    header.write('00000000003\0', 124);
    header.write('ignored/prefix', 345);
    const body = Buffer.alloc(512);
    body.write('abc');
    expect(asText(chartArchiveFiles(gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])), 'charts/old.tgz'))).toEqual({ 'templates/a.yaml': 'abc' });
  });

  it('refuses what is not a gzipped tar, or a tar whose header is broken, naming the file', () => {
    const refused = (data: Buffer) => {
      try {
        chartArchiveFiles(data, 'charts/bad.tgz');
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return { message: (e as UserError).message, file: (e as UserError).file, hint: (e as UserError).hint };
      }
      throw new Error('read');
    };
    expect(refused(Buffer.from('not gzip'))).toEqual({ message: expect.stringMatching(/^not a readable chart archive: \S/), file: 'charts/bad.tgz', hint: 'Vendor the dependency again with helm dependency build (or helm pull).' });
    const header = Buffer.alloc(512);
    header.write('redis/Chart.yaml', 0);
    header.write('00000001000\0', 124);
    header.write('0', 156);
    expect(refused(gzipSync(header))).toEqual({ message: 'not a readable chart archive: a tar header is broken', file: 'charts/bad.tgz', hint: 'Vendor the dependency again with helm dependency build (or helm pull).' });
    header.write('zzzzzzzzzzz\0', 124);
    expect(refused(gzipSync(Buffer.concat([header, Buffer.alloc(1024)])))).toMatchObject({ message: 'not a readable chart archive: a tar header is broken' });
    expect(chartArchiveFiles(gzipSync(Buffer.alloc(1024)), 'charts/empty.tgz').size).toBe(0);
  });
});
