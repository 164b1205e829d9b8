import { describe, expect, it } from 'vitest';
import { buildVariablesIn, describeArgoVariables, isSyncedRevision, markArgoVariables } from './build-environment';

describe("Argo CD's build environment in a value", () => {
  it('names the variables a value refers to, braced or not, each once; an escaped $$ is no variable', () => {
    expect(buildVariablesIn('$ARGOCD_APP_REVISION')).toEqual(['ARGOCD_APP_REVISION']);
    expect(buildVariablesIn('${ARGOCD_APP_NAME}-$KUBE_VERSION-${ARGOCD_APP_NAME}')).toEqual(['ARGOCD_APP_NAME', 'KUBE_VERSION']);
    expect(buildVariablesIn('$$ARGOCD_APP_REVISION')).toEqual([]);
    expect(buildVariablesIn('1.4.2')).toEqual([]);
    expect(buildVariablesIn('$HOME')).toEqual([]);
  });

  it('takes only the synced commit itself for a pinned tag', () => {
    for (const t of ['$ARGOCD_APP_REVISION', '${ARGOCD_APP_REVISION}', '$ARGOCD_APP_REVISION_SHORT', '${ARGOCD_APP_REVISION_SHORT_8}']) expect(isSyncedRevision(t), t).toBe(true);
    for (const t of ['$ARGOCD_APP_NAME', '${ARGOCD_APP_REVISION', 'v-$ARGOCD_APP_REVISION', '$ARGOCD_APP_SOURCE_TARGET_REVISION']) expect(isSyncedRevision(t), t).toBe(false);
  });

  it('writes each variable as a placeholder and says what it stands for', () => {
    expect(markArgoVariables('v-${ARGOCD_APP_REVISION_SHORT}-$KUBE_VERSION')).toBe('v-<ARGOCD_APP_REVISION_SHORT>-<KUBE_VERSION>');
    expect(describeArgoVariables(['ARGOCD_APP_REVISION', 'ARGOCD_APP_FUTURE'])).toBe('ARGOCD_APP_REVISION: the commit Argo CD syncs; ARGOCD_APP_FUTURE: a variable of its build environment');
  });
});
