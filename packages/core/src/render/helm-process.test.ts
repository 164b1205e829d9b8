import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS, HELMS } from '../../../../tools/test/helm';
import { detectLayout, repoFiles, repoFileText } from '../scaffold';
import { userErrorOf } from '../test-support/user-error-of';
import { loadWorkspace } from '../workspace';
import { appOfAppsHelm, findHelm, initChartRenderer } from './helm-process';

/** argocd/root.yaml deploys the chart bootstrap/, whose templates create guestbook-dev and guestbook-prod. */
const APP_OF_APPS = join(__dirname, '../workspace/fixtures/app-of-apps');

const temp = () => mkdtempSync(join(tmpdir(), 'hvm-helm-process-'));

/** A folder holding `helm` (a copy of the real one of that major) and the folder to put on PATH. */
function helmFolder(major: 3 | 4): string {
  const bin = temp();
  cpSync(helmBinary(major), join(bin, 'helm'));
  chmodSync(join(bin, 'helm'), 0o755);
  return bin;
}

/** A program that is not helm, at `<dir>/helm`. */
function notHelm(script: string): string {
  const dir = temp();
  writeFileSync(join(dir, 'helm'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'helm'), 0o755);
  return join(dir, 'helm');
}

/** A chart of one ConfigMap that shows its release, namespace and one value. */
function tinyChart(): string {
  const dir = temp();
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(join(dir, 'templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting }}\n');
  return dir;
}

const TINY = (release: string, namespace: string, greeting: string) =>
  `---\n# Source: tiny/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${release}\n  namespace: ${namespace}\ndata:\n  greeting: ${greeting}\n`;

function appOfApps(): string {
  const dir = temp();
  cpSync(APP_OF_APPS, dir, { recursive: true });
  return dir;
}

describe('which helm a command runs', () => {
  it('takes --helm before helm.binary before PATH, a relative --helm from the working folder, and skips PATH entries that are empty or not executable', () => {
    const three = helmFolder(3);
    const four = helmFolder(4);
    const unusable = temp();
    writeFileSync(join(unusable, 'helm'), 'not a program\n');
    const PATH = ['', unusable, join(unusable, 'missing'), three, four].join(':');
    expect(findHelm({ root: '/', env: { PATH } })).toMatchObject({ bin: join(three, 'helm'), major: 3 });
    expect(findHelm({ root: '/', env: { PATH }, configured: join(four, 'helm') })).toMatchObject({ bin: join(four, 'helm'), major: 4 });
    expect(findHelm({ root: four, env: { PATH }, configured: 'helm' })).toMatchObject({ bin: join(four, 'helm'), major: 4 });
    expect(findHelm({ root: '/', env: { PATH }, configured: join(four, 'helm'), flag: relative(process.cwd(), join(three, 'helm')) })).toMatchObject({ bin: join(three, 'helm'), major: 3 });
    expect(findHelm({ root: '/', env: { PATH: [unusable, join(unusable, 'missing')].join(':') } })).toBeNull();
    expect(findHelm({ root: '/', env: {} })).toBeNull();
  });

  it.each(HELM_MAJORS)('reads the version of helm %i as helm version --short prints it', (major) => {
    const helm = findHelm({ root: '/', flag: helmBinary(major) });
    expect(helm?.version).toMatch(new RegExp(`^${HELMS[major].version.replace(/\./g, '\\.')}\\+g[0-9a-f]{7,}$`));
    expect(helm?.major).toBe(major);
    expect(helm?.bin).toBe(helmBinary(major));
  });

  it('refuses a named helm that is not an executable, naming where it was named', () => {
    const dir = temp();
    writeFileSync(join(dir, 'helm'), 'not a program\n');
    const flag = userErrorOf(() => findHelm({ root: '/', flag: join(dir, 'helm') }));
    expect([flag.message, flag.file, flag.hint]).toEqual([`${join(dir, 'helm')} (from --helm) is not an executable helm`, '--helm', 'Name the path of a helm 3 or 4 binary.']);
    const configured = userErrorOf(() => findHelm({ root: dir, configured: 'bin/helm' }));
    expect([configured.message, configured.file, configured.exitCode]).toEqual([`${join(dir, 'bin/helm')} (from helm.binary in gitops.yaml) is not an executable helm`, 'gitops.yaml', 2]);
  });

  it('refuses a program that does not answer helm version --short as helm does, with what it said', () => {
    const failing = notHelm('echo "unknown command version" >&2\nexit 1');
    const flag = userErrorOf(() => findHelm({ root: '/', flag: failing }));
    expect([flag.message, flag.file, flag.hint]).toEqual([`${failing} does not answer "helm version --short" as helm does: unknown command version`, failing, 'Install helm 3 or 4, or name its path with --helm.']);
    const unversioned = notHelm('echo 3.17.3');
    const configured = userErrorOf(() => findHelm({ root: '/', configured: unversioned }));
    expect([configured.message, configured.file]).toEqual([`${unversioned} does not answer "helm version --short" as helm does: 3.17.3`, 'gitops.yaml']);
    // on PATH: the program is named
    const onPath = userErrorOf(() => findHelm({ root: '/', env: { PATH: join(failing, '..') } }));
    expect(onPath.file).toBe(failing);
    // a version, but not where helm prints it
    const prefixed = notHelm('echo "client v3.17.3"');
    expect(userErrorOf(() => findHelm({ root: '/', flag: prefixed })).message).toBe(`${prefixed} does not answer "helm version --short" as helm does: client v3.17.3`);
    // a version printed, but the program fails
    const exits = notHelm('echo v3.17.3\nexit 3');
    expect(userErrorOf(() => findHelm({ root: '/', flag: exits })).message).toBe(`${exits} does not answer "helm version --short" as helm does: v3.17.3`);
  });
});

describe.each(HELM_MAJORS)('running helm %i', (major) => {
  it('runs it in the folder given, with the environment given, and answers its output', async () => {
    const chart = tinyChart();
    const helm = findHelm({ root: '/', flag: helmBinary(major), env: { HELM_NAMESPACE: 'from-env', PATH: '' } })!;
    expect(await helm.run(['template', 'web', '.', '--set', 'greeting=hi'], chart)).toBe(TINY('web', 'from-env', 'hi'));
    expect(helm.runSync(['template', 'api', '.'], chart)).toBe(TINY('api', 'from-env', 'hello'));
  });

  it("fails with helm's own words after the command, trimmed", async () => {
    const chart = tinyChart();
    writeFileSync(join(chart, 'templates/broken.yaml'), '{{ .Values.nope.deeper }}\n');
    const helm = findHelm({ root: '/', flag: helmBinary(major) })!;
    const words = /^helm template failed: Error: (template: )?tiny\/templates\/broken\.yaml:1:\d+[\s\S]* nil pointer evaluating interface \{\}\.deeper[\s\S]*\S$/;
    await expect(helm.run(['template', 'web', '.'], chart)).rejects.toThrow(words);
    expect(() => helm.runSync(['template', 'web', '.'], chart)).toThrow(words);
  });

  it("renders the app-of-apps charts a workspace's Applications come from, with the helm --helm or gitops.yaml names", () => {
    const dir = appOfApps();
    const deployed = (ws: ReturnType<typeof loadWorkspace>) => ws.apps.map((a) => a.name);
    expect(deployed(loadWorkspace(dir, { helm: appOfAppsHelm(dir, { flag: helmBinary(major), env: { PATH: '' } }) }))).toEqual(['guestbook']);
    // no helm: the Applications the chart makes are unknown
    expect(deployed(loadWorkspace(dir, { helm: appOfAppsHelm(dir, { env: { PATH: '' } }) }))).toEqual([]);
    const bin = helmFolder(major);
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}helm:\n  binary: ${relative(dir, join(bin, 'helm'))}\n`);
    expect(deployed(loadWorkspace(dir, { helm: appOfAppsHelm(dir, { env: { PATH: '' } }) }))).toEqual(['guestbook']);
  });

  it('renders app-of-apps charts for init with the helm on PATH, and reads no Applications from them without one', () => {
    const dir = appOfApps();
    const detect = (env: NodeJS.ProcessEnv) => detectLayout(repoFiles(dir), repoFileText(dir), { originURL: 'https://github.com/example/gitops.git' }, initChartRenderer(dir, env)).environments.map((e) => `${e.name} ${e.namespace} ${e.clusters.join(',')}`);
    // the Applications bootstrap/ makes say each env's namespace and cluster
    expect(detect({ PATH: helmFolder(major) })).toEqual(['dev development in-cluster', 'prod production in-cluster']);
    // without helm only the values files' names are left
    expect(detect({ PATH: '' })).toEqual(['dev undefined ', 'prod undefined ']);
  });
});
