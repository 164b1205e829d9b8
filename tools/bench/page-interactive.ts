// How soon the status page of N apps answers a person in headless Chromium:
//   node -r @swc-node/register tools/bench/page-interactive.ts [--apps 2000] [--envs 4]
// Synthesizes the workspace in the OS temp dir, writes its page with `gitops report -o
// html`, then loads it from file:// and prints JSON: milliseconds from navigation to DOM
// interactive, to the page's script being ready (filters and details work), and for a name
// filter over every row to show its result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/chromium';
import { synthesize } from './synth';

const GITOPS = resolve(__dirname, '../../packages/cli/bin/gitops.js');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { apps: { type: 'string', default: '2000' }, envs: { type: 'string', default: '4' } } });
  const root = mkdtempSync(join(tmpdir(), 'hvm-page-'));
  const { close, context } = await launchChromium();
  try {
    synthesize({ root, apps: Number(values.apps), envs: Number(values.envs), nx: false });
    execFileSync(process.execPath, [GITOPS, 'report', '-o', 'html', '--out', 'status.html'], { cwd: root, stdio: 'ignore' });
    const file = join(root, 'status.html');
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready=true]');
    // evaluated in the page (strings: this file is compiled without the DOM's types)
    const timing = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const ready = performance.getEntriesByName('status-page-ready')[0];
      return { domInteractive: nav.domInteractive, load: nav.loadEventEnd, ready: ready ? ready.startTime : -1 };
    })()`)) as { domInteractive: number; load: number; ready: number };
    const filter = (await page.evaluate(`(async () => {
      const input = document.querySelector('#filters input[name=app]');
      const start = performance.now();
      input.value = '0007';
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - start;
    })()`)) as number;
    process.stdout.write(`${JSON.stringify({ apps: Number(values.apps), bytes: statSync(file).size, domInteractiveMs: Math.round(timing.domInteractive), loadMs: Math.round(timing.load), readyMs: Math.round(timing.ready), filterMs: Math.round(filter) })}\n`);
  } finally {
    await close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
