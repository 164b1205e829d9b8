import { deepClone, getAt, type Path, UserError } from '../../common';
import type { AppResolution } from '../resolve';
import { parseSet, parseSetInto, SetParseError } from '../../values';
import type { ApplicationRef, HelmParameter } from './read-application';
import { cleanSetValue } from './helm-args';

/** A helm parameter as the `--set`/`--set-string` argument Argo CD passes to helm. */
export function argoSetArg(p: HelmParameter): { expression: string; kind: 'set' | 'set-string' } {
  return { expression: `${p.name}=${cleanSetValue(p.value)}`, kind: p.forceString ? 'set-string' : 'set' };
}

/**
 * The values Argo CD deploys: the layers, then the Application's `helm.parameters` applied like
 * `helm --set` (`--set-string` when forceString), as Argo CD itself does. `$ARGOCD_APP_REVISION`
 * stays as written: Argo CD replaces it with the synced commit, a pinned value.
 */
export function withArgoParameters(resolution: AppResolution, app: ApplicationRef | undefined): AppResolution {
  if (!app || app.parameters.length === 0) return resolution;
  const values = deepClone(resolution.values);
  const applied: { tree: ReturnType<typeof parseSet>; at: (typeof app.parameters)[number]['at'] }[] = [];
  for (const p of app.parameters) {
    const { expression, kind } = argoSetArg(p);
    try {
      parseSetInto(expression, kind, values);
      applied.push({ tree: parseSet(expression, kind), at: p.at });
    } catch (e) {
      if (!(e instanceof SetParseError)) throw e;
      throw new UserError(`helm parameter "${p.name}" cannot be applied: ${e.message}`, { ...p.at, hint: 'Parameter names use Helm --set syntax: a.b, a[0].b, a\\.b.' });
    }
  }
  const originOf = (path: Path) => {
    for (let i = applied.length - 1; i >= 0; i--) if (getAt(applied[i].tree, path) !== undefined) return applied[i].at;
    return resolution.originOf(path);
  };
  return { ...resolution, values, originOf };
}
