import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, editFile, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { deployedValues, syncedVariables } from './deployed-values';
import { newResolutions, resolveValues } from './resolve';
import { loadWorkspace } from './workspace';

describe('deployed values', () => {
  it("are a deployment's own resolution, its Application's parameters already applied, kept once per run", () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const runs = newResolutions();
    const res = resolveValues(ws, 'alpha-members', 'prod', { resolutions: runs });
    expect(deployedValues(ws, res, runs)).toBe(res);
    expect((res.values.image as { tag: string }).tag).toBe('$ARGOCD_APP_REVISION');
  });

  it('names the build variables Argo CD fills in a helm parameter, and none in a values file', () => {
    const root = copyExampleWorkspace();
    appendFileSync(join(root, 'deployment/helm/alpha-members/values-prod.yaml'), 'note: built from $ARGOCD_APP_REVISION\n');
    const ws = loadWorkspace(root);
    const deployed = deployedValues(ws, resolveValues(ws, 'alpha-members', 'prod'));
    expect(syncedVariables(ws, deployed, ['image', 'tag'], '$ARGOCD_APP_REVISION')).toEqual(['ARGOCD_APP_REVISION']);
    expect(syncedVariables(ws, deployed, ['note'], 'built from $ARGOCD_APP_REVISION')).toEqual([]);
    expect(syncedVariables(ws, deployed, ['image', 'tag'], 'v1.2.3')).toEqual([]);
    expect(syncedVariables(ws, deployed, ['nowhere'], '$ARGOCD_APP_NAME')).toEqual([]);
  });

  it('of an env no Application deploys are its layers, kept once per run', () => {
    const root = copyExampleWorkspace();
    rmSync(join(root, 'argocd/applications/alpha-members-dev.yaml'));
    const ws = loadWorkspace(root);
    const runs = newResolutions();
    const res = resolveValues(ws, 'alpha-members', 'dev', { resolutions: runs });
    expect(res.deployment).toBeUndefined();
    const deployed = deployedValues(ws, res, runs);
    expect(deployed.values).toEqual(res.values);
    expect(deployedValues(ws, res, runs)).toBe(deployed);
    expect(syncedVariables(ws, deployed, ['image', 'tag'], '$ARGOCD_APP_REVISION')).toEqual([]);
    expect(syncedVariables(ws, deployed, ['nowhere'], '$ARGOCD_APP_NAME')).toEqual([]);
    // without a run's resolutions: worked out each time
    expect(deployedValues(ws, res).values).toEqual(res.values);
  });

  it("names the build variables of any of an Application's helm parameters", () => {
    const root = copyExampleWorkspace();
    editFile(root, 'argocd/applications/alpha-members-prod.yaml', '          value: $ARGOCD_APP_REVISION\n', '          value: $ARGOCD_APP_REVISION\n        - name: config.build\n          value: ${ARGOCD_APP_NAME}-$ARGOCD_APP_REVISION_SHORT\n');
    const ws = loadWorkspace(root);
    const deployed = deployedValues(ws, resolveValues(ws, 'alpha-members', 'prod'));
    expect(syncedVariables(ws, deployed, ['config', 'build'], '${ARGOCD_APP_NAME}-$ARGOCD_APP_REVISION_SHORT')).toEqual(['ARGOCD_APP_NAME', 'ARGOCD_APP_REVISION_SHORT']);
    expect(syncedVariables(ws, deployed, ['image', 'tag'], '$ARGOCD_APP_REVISION')).toEqual(['ARGOCD_APP_REVISION']);
  });
});
