import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../../../../tools/test/chromium';
import { synthesize } from '../../../../tools/bench/synth';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';
import { gitops } from '../test-support/fake-io';

const APP_DIR = 'deployment/helm/alpha-members';
// Plaintext secrets planted in the example: none of them may reach the page.
const SECRETS = ['Sup3r-S3cret-Passw0rd', 'ghp_0123456789abcdefghijABCDEFGHIJ0123456789', 'hunter2-db-pass'];

let context: BrowserContext;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ context, close } = await launchChromium());
}, 60_000);
afterAll(async () => close?.());

/** Open a report as a person would, recording every request and console error. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  // anything that would leave the page is recorded and stopped
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => r.url() !== url && requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  return { page, requests, errors };
}

const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('gitops report --format html in Chromium', () => {
  it('shows what runs where in the example workspace, with provenance and no secret', async () => {
    const dir = copyExampleWorkspace();
    const staging = join(dir, APP_DIR, 'values-staging.yaml');
    writeFileSync(staging, readFileSync(staging, 'utf8').replace('tag: ""  # Set by CI/CD', 'tag: "1.4.1"  # Set by CI/CD'));
    const dev = join(dir, APP_DIR, 'values-dev.yaml');
    writeFileSync(dev, `${readFileSync(dev, 'utf8')}database:\n  password: ${SECRETS[0]}\nci:\n  githubAccess: ${SECRETS[1]}\n`);
    const base = join(dir, APP_DIR, 'values.yaml');
    writeFileSync(base, `${readFileSync(base, 'utf8')}legacy:\n  dbPassword: ${SECRETS[2]}\n`);

    const r = await gitops(dir, 'report', '-o', 'html', '--out', 'dist/reports/status.html');
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, 'dist/reports/status.html');
    const { page, requests, errors } = await open(file);

    const row = page.locator('#matrix tr[data-app="alpha-members"]');
    await expect.poll(() => row.locator('td[data-env="dev"] .tag').textContent()).toBe('dev-latest');
    expect(await row.locator('td[data-env="staging"] .tag').textContent()).toBe('1.4.1');
    // prod's tag comes from its Application's helm parameter, as Argo CD renders it
    // ...to the commit Argo CD syncs: marked as set at sync time, never shown as a tag
    expect(await row.locator('td[data-env="prod"] .tag.sync').textContent()).toBe('<ARGOCD_APP_REVISION>');
    expect(await row.locator('td[data-env="prod"] .tag').getAttribute('title')).toContain('set by Argo CD when it syncs');
    expect(await page.locator('#matrix caption').textContent()).toContain('<NAME> set by Argo CD when it syncs (ARGOCD_APP_REVISION: the commit Argo CD syncs)');
    // the long tag is cut, never the drift mark after it
    const cellBox = await row.locator('td[data-env="prod"]').boundingBox();
    const driftBox = await row.locator('td[data-env="prod"] .mark.drift').boundingBox();
    expect(driftBox && cellBox && driftBox.x + driftBox.width <= cellBox.x + cellBox.width).toBe(true);
    expect(await row.locator('td[data-env="prod"] .tag').getAttribute('data-file')).toBe('argocd/applications/alpha-members-prod.yaml');
    expect(await row.locator('td[data-env="dev"] .mark.pending').textContent()).toBe('⬆1');

    // the app's details: values side by side, each linked to the file and line that set it
    await row.locator('button.app').focus();
    await page.keyboard.press('Enter');
    expect(await row.locator('button.app').getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('tr.details');
    const tagRow = details.locator('table.values tr', { has: page.locator('th code', { hasText: /^image\.tag$/ }) });
    const stagingLink = tagRow.locator('td[data-env="staging"] a.prov');
    expect(await stagingLink.getAttribute('data-file')).toBe(`${APP_DIR}/values-staging.yaml`);
    expect(Number(await stagingLink.getAttribute('data-line'))).toBe(lineOf(staging, 'tag: "1.4.1"'));
    expect(await stagingLink.getAttribute('href')).toBe(`../../${APP_DIR}/values-staging.yaml#L${lineOf(staging, 'tag: "1.4.1"')}`);
    // prod's value as its Application's parameter writes it, marked as set when Argo CD syncs; staging's a plain value
    expect(await tagRow.locator('td[data-env="prod"].sync').getAttribute('title')).toBe('"$ARGOCD_APP_REVISION": set by Argo CD when it syncs, from its build environment (ARGOCD_APP_REVISION: the commit Argo CD syncs)');
    expect(await tagRow.locator('td[data-env="staging"]').getAttribute('class')).toBeNull();
    const pwRow = details.locator('table.values tr', { has: page.locator('th code', { hasText: /^database\.password$/ }) });
    expect(await pwRow.locator('td[data-env="dev"] code').textContent()).toBe('"<redacted>"');
    expect(await pwRow.locator('td[data-env="dev"] a.prov').getAttribute('data-line')).toBe(String(lineOf(dev, SECRETS[0])));
    // the pending promotion, as promote --dry-run plans it
    expect(await details.locator('table.pending').textContent()).toMatch(/dev → staging\s*image\.tag\s*"1\.4\.1"\s*"dev-latest"/);
    // findings link to their file and line
    const finding = details.locator('table.findings tr', { hasText: 'database.password' }).first();
    expect(await finding.locator('a.prov').getAttribute('data-file')).toBe(`${APP_DIR}/values-dev.yaml`);

    await page.locator('#pending-section summary').click();
    await page.locator('#findings-section summary').click();
    // a <details> element's toggle event comes after the click: wait for it
    await expect.poll(() => page.locator('#findings-section table.findings tbody tr').count()).toBeGreaterThan(0);
    // dev -> staging and staging -> prod, each the image tag
    await expect.poll(() => page.locator('#pending-section table.pending tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'status-report-example.png'), fullPage: true });
    // the reader's dark setting is followed
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: join(ARTIFACTS, 'status-report-example-dark.png') });

    const html = readFileSync(file, 'utf8');
    const rendered = await page.content();
    for (const secret of SECRETS) {
      expect(html).not.toContain(secret);
      expect(rendered).not.toContain(secret);
    }
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('filters 500 apps by name, env, drift and findings', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-synth-report-'));
    const { apps } = synthesize({ root, apps: 500, envs: 4, nx: false });
    // in the order of the page: by name
    apps.sort((a, b) => a.localeCompare(b));
    const overlay = (app: string, env: string) => join(root, 'deployment/helm', app, `values-${env}.yaml`);
    // every 50th app sets a key only in prod (drift); every 40th a plaintext password only in staging (drift and a finding)
    const drifted = apps.filter((_, i) => i % 50 === 7);
    const leaky = apps.filter((_, i) => i % 40 === 3);
    for (const app of drifted) writeFileSync(overlay(app, 'prod'), `${readFileSync(overlay(app, 'prod'), 'utf8')}debug:\n  trace: true\n`);
    for (const app of leaky) writeFileSync(overlay(app, 'staging'), `${readFileSync(overlay(app, 'staging'), 'utf8')}smtp:\n  password: ${SECRETS[0]}-${app}\n`);

    const r = await gitops(root, 'report', '-o', 'html', '--out', 'status.html');
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(root, 'status.html'), 'utf8');
    expect(html).not.toContain(SECRETS[0]);
    const { page, requests, errors } = await open(join(root, 'status.html'));
    const drawn = () => page.locator('#matrix tbody tr[data-app]:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-app')));
    const shown = () => page.locator('#shown').textContent();
    expect(await shown()).toBe('500 of 500 apps shown');
    expect(await page.locator('#matrix').getAttribute('aria-rowcount')).toBe('501');
    // a screenful is drawn, not the 500 rows: they come as the page scrolls
    const first = await drawn();
    expect(first[0]).toBe(apps[0]);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(150);

    /** Scroll until the app's row is drawn (the script draws on the next frame), then check its tags against its overlays. */
    const tagsOf = async (app: string) => {
      const row = page.locator(`#matrix tr[data-app="${app}"]`);
      for (const env of ['dev', 'qa', 'staging']) {
        const tag = row.locator(`td[data-env="${env}"] .tag`);
        const text = readFileSync(overlay(app, env), 'utf8');
        expect(await tag.textContent(), `${app} ${env}`).toBe(/tag: "([^"]+)"/.exec(text)?.[1]);
        expect(await tag.getAttribute('data-file')).toBe(`deployment/helm/${app}/values-${env}.yaml`);
        expect(Number(await tag.getAttribute('data-line'))).toBe(text.split('\n').findIndex((l) => /^\s+tag: /.test(l)) + 1);
      }
      expect(await row.locator('td[data-env="prod"] .tag').getAttribute('data-file')).toBe(`argocd/applications/${app}-prod.yaml`);
    };
    const scrollTo = async (app: string) => {
      const index = apps.indexOf(app);
      for (let tries = 0; tries < 40 && !(await drawn()).includes(app); tries++) {
        const names = await drawn();
        // down when the app comes after what is drawn, up when before
        await page.mouse.wheel(0, apps.indexOf(names[names.length - 1]) < index ? 1500 : -1500);
        await page.waitForTimeout(50);
      }
      expect(await drawn()).toContain(app);
    };
    await scrollTo(apps[123]);
    await tagsOf(apps[123]);
    await page.keyboard.press('End');
    await expect.poll(async () => (await drawn()).at(-1)).toBe(apps[499]);
    await tagsOf(apps[499]);
    // rows drawn on the way down were dropped behind: the page stays small
    expect((await drawn()).length).toBeLessThan(150);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await drawn())[0]).toBe(apps[0]);

    // the arrow keys walk the apps past the end of what is drawn
    await page.locator(`#matrix tr[data-app="${apps[0]}"] button.app`).focus();
    for (let i = 0; i < 70; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(apps[70]);
    await tagsOf(apps[70]);
    // and Enter opens that app: its staging tag linked to the overlay line that sets it
    await page.keyboard.press('Enter');
    const tagRow = page.locator(`#details-${70} table.values tr`, { has: page.locator('th code', { hasText: /^image\.tag$/ }) });
    const stagingLink = tagRow.locator('td[data-env="staging"] a.prov');
    expect(await stagingLink.getAttribute('data-file')).toBe(`deployment/helm/${apps[70]}/values-staging.yaml`);
    expect(Number(await stagingLink.getAttribute('data-line'))).toBe(lineOf(overlay(apps[70], 'staging'), 'tag: '));
    // scrolled away and back, it is drawn again still open, with the same details
    await page.keyboard.press('End');
    await expect.poll(async () => (await drawn()).includes(apps[70])).toBe(false);
    await scrollTo(apps[70]);
    expect(await page.locator(`#matrix tr[data-app="${apps[70]}"] button.app`).getAttribute('aria-expanded')).toBe('true');
    expect(await stagingLink.getAttribute('data-line')).toBe(String(lineOf(overlay(apps[70], 'staging'), 'tag: ')));
    // Home is at the top at once, not after an animation that a filter typed next would cut short
    await page.keyboard.press('Home');
    expect(await page.evaluate('window.scrollY')).toBe(0);

    await page.fill('#filters input[name=app]', 'billing');
    const billing = apps.filter((a) => a.includes('billing'));
    await expect.poll(shown).toBe(`${billing.length} of 500 apps shown`);
    expect((await drawn()).every((a) => a?.includes('billing'))).toBe(true);
    expect((await drawn())[0]).toBe(billing[0]);
    await scrollTo(billing[billing.length - 1]);
    await tagsOf(billing[billing.length - 1]);
    await page.keyboard.press('Home');

    await page.fill('#filters input[name=app]', '');
    await page.check('#filters input[name=drift]');
    // the password set only in staging is drift there too
    await expect.poll(shown).toBe(`${new Set([...drifted, ...leaky]).size} of 500 apps shown`);
    await page.selectOption('#filters select[name=env]', 'prod');
    await expect.poll(shown).toBe(`${drifted.length} of 500 apps shown`);
    expect((await drawn()).sort()).toEqual([...drifted].sort());
    expect(await page.locator(`#matrix tr[data-app="${drifted[0]}"] td[data-env="prod"] .mark.drift`).getAttribute('title')).toBe('only prod sets: debug.trace');
    await page.selectOption('#filters select[name=env]', 'staging');
    await expect.poll(shown).toBe(`${leaky.length} of 500 apps shown`);
    expect(await page.locator('#matrix thead th[data-env="dev"]').isVisible()).toBe(false);
    expect(await page.locator('#matrix thead th[data-env="staging"]').isVisible()).toBe(true);

    await page.uncheck('#filters input[name=drift]');
    await page.check('#filters input[name=findings]');
    await expect.poll(shown).toBe(`${leaky.length} of 500 apps shown`);
    expect((await drawn()).sort()).toEqual([...leaky].sort());
    // the findings section lists those of the apps shown, each linked to its line
    await page.locator('#findings-section summary').click();
    const password = page.locator('#findings-section table.findings tbody tr', { hasText: 'smtp.password' });
    await expect.poll(() => password.count()).toBe(leaky.length);
    expect(await password.first().locator('a.prov').getAttribute('data-file')).toBe(`deployment/helm/${leaky[0]}/values-staging.yaml`);
    // opened, the leaky app's values show the password redacted, linked to where it is set
    await page.locator(`#matrix tr[data-app="${leaky[0]}"] button.app`).click();
    const smtp = page.locator('#matrix tr.details table.values tr', { has: page.locator('th code', { hasText: /^smtp\.password$/ }) });
    expect(await smtp.locator('td[data-env="staging"] code').textContent()).toBe('"<redacted>"');
    expect(Number(await smtp.locator('td[data-env="staging"] a.prov').getAttribute('data-line'))).toBe(lineOf(overlay(leaky[0], 'staging'), 'password: '));
    await page.selectOption('#filters select[name=env]', '');
    await page.screenshot({ path: join(ARTIFACTS, 'status-report-500-apps.png') });

    expect(await page.content()).not.toContain(SECRETS[0]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
