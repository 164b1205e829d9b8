import { everyTier, type RuleMeta } from './rule';

export const ORPHAN_FILE: RuleMeta = {
  id: 'orphan-file',
  title: 'Overlays and Applications belong to declared envs',
  description:
    "An overlay `values-<env>.yaml` or an Argo CD Application `<app>-<env>.yaml` for an env that gitops.yaml does not declare is a leftover: of an env that was removed, or of a generator that did not finish. No check looks at its values, yet Argo CD deploys such an Application.",
  fix: 'Declare the env in gitops.yaml (`npx nx g env --name=<env>`), or delete the file.',
  defaults: everyTier('error'),
};

export const INTERRUPTED_WRITE: RuleMeta = {
  id: 'interrupted-write',
  title: 'No half-written change set',
  description:
    'A generator or command that writes keeps a journal (`.gitops/pending-write.json`) while it writes its files, and removes it when all are written. A journal that is still there means the run was interrupted: some of its files are written, some not, and the workspace is inconsistent.',
  fix: 'Run the generator again: it first rolls the interrupted write back, then does its work. Or roll back by hand with git (`git status` lists the files).',
  defaults: everyTier('error'),
};

export const ORPHAN_RULES: RuleMeta[] = [ORPHAN_FILE, INTERRUPTED_WRITE];
