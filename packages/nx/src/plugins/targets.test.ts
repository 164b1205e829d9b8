import { describe, expect, it } from 'vitest';
import { workspaceFiles } from './targets';

describe('workspaceFiles', () => {
  it('leaves out what a folder among them holds, and groups the rest as one pattern', () => {
    expect(workspaceFiles(['gitops.yaml', 'argocd/applications/**', 'argocd/applications/a-dev.yaml', 'argocd/applications/team/b-dev.yaml', 'deployment/helm/*/**', 'deployment/helm/a/**', 'deployment/helm/a/values.yaml'])).toEqual([
      '{workspaceRoot}/{gitops.yaml,argocd/applications/**/*,deployment/helm/*/**/*}',
    ]);
  });

  it('keeps a file a folder glob names itself: Nx takes only what is under `dir/**/*`', () => {
    expect(workspaceFiles(['argocd/apps.yaml/**', 'argocd/apps.yaml', 'argocd/*.yaml/**', 'argocd/x.yaml'])).toEqual([
      '{workspaceRoot}/{argocd/apps.yaml,argocd/*.yaml/**/*,argocd/x.yaml}',
    ]);
  });

  it('keeps hidden files, and globs under a folder glob, as they are; a path with a comma stays on its own', () => {
    expect(workspaceFiles(['argocd/**', 'argocd/.hidden/a.yaml', 'apps/*/**', 'apps/*/values-*.yaml', 'apps/a/values.yaml', 'other/a,b.yaml'])).toEqual([
      '{workspaceRoot}/{argocd/**/*,argocd/.hidden/a.yaml,apps/*/**/*,apps/*/values-*.yaml}',
      '{workspaceRoot}/other/a,b.yaml',
    ]);
  });
});
