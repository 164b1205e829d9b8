// Refreshes the vendored GitHub OpenAPI description that the promotion tests hold requests and
// responses to: installs @octokit/openapi (any version: `... refresh.ts 23.0.2`, default latest)
// into a temporary folder, keeps the operations the tool calls and what they reference, and
// writes packages/promote/src/test-support/github-openapi/. Run on demand, never by the tests:
//   npm run github-openapi [-- VERSION]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trimDescription } from './trim';

const TARGET = join(__dirname, '../../packages/promote/src/test-support/github-openapi');

function main(version = 'latest'): void {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-openapi-'));
  try {
    const npm = spawnSync('npm', ['i', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `@octokit/openapi@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (npm.status !== 0) throw new Error(`npm i @octokit/openapi@${version} failed (exit ${npm.status})`);
    const pkg = join(dir, 'node_modules/@octokit/openapi');
    const { version: installed } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
    const trimmed = trimDescription(JSON.parse(readFileSync(join(pkg, 'generated/api.github.com.json'), 'utf8')));
    // written whole, then renamed: an interrupted run leaves the previous file
    const out = join(TARGET, 'api.github.com.json');
    writeFileSync(`${out}.tmp`, `${JSON.stringify(trimmed, null, 1)}\n`);
    renameSync(`${out}.tmp`, out);
    copyFileSync(join(pkg, 'LICENSE'), join(TARGET, 'LICENSE'));
    const readme = join(TARGET, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace(/@octokit\/openapi@[\w.-]+/g, `@octokit/openapi@${installed}`));
    process.stdout.write(`${out}: @octokit/openapi@${installed}, ${Object.keys(trimmed.paths).length} paths, ${Object.values(trimmed.components).reduce((n: number, c) => n + Object.keys(c as object).length, 0)} components\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv[2]);
