import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): Playwright's own download cannot work offline. */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots of browser tests: kept for people to look at, ignored by git. */
export const ARTIFACTS = resolve(__dirname, '../../dist/test-artifacts');

/**
 * A headless Chromium with a fresh profile and every background connection off (on a closed
 * network they are refused and show up as errors). Close it with the returned function.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'hvm-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  // launchPersistentContext is how Playwright takes --user-data-dir
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
