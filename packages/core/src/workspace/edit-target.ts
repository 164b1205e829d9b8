import type { Path, Position } from '../common';
import type { RenderedBy } from './argocd/application-spec';
import type { AppResolution } from './resolve';
import type { Workspace } from './workspace';

/** Where a promotion or set-image writes a value for one env: a values file, or an Application's helm parameter. */
export type EditTarget =
  | { kind: 'values'; file: string }
  | { kind: 'parameter'; file: string; application: string; name: string; at: Position }
  | { kind: 'none'; reason: string };

/**
 * The layer that sets `path` for this env, by provenance: the env's own overlay, a file shared by
 * a few envs, or an Application's `helm.parameters` (what Argo CD Image Updater writes). A value
 * set only by the chart's defaults or the app's base values, or set nowhere, goes to the env's
 * most specific layer, so the other envs keep theirs.
 */
export function editTarget(_ws: Workspace, res: AppResolution, path: Path): EditTarget {
  const d = res.deployment;
  const origin = res.originOf(path);
  if (d && origin) {
    // A parameter's origin is its own (lazy) position: comparing identities works out no line.
    const param = d.plan.parameters.find((p) => p.at === origin);
    if (param) {
      if (d.plan.app.renderedBy) return { kind: 'none', reason: renderedReason(param.name, d.plan.app.name, d.plan.app.renderedBy) };
      if (d.plan.app.generatedBy) return { kind: 'none', reason: `${param.name} is set by ApplicationSet "${d.plan.app.generatedBy.applicationSet}"'s template for every env (${origin.file}:${origin.line}); change its generator element instead` };
      return { kind: 'parameter', file: origin.file, application: d.plan.app.name, name: param.name, at: origin };
    }
  }
  // Else a value written in the Application itself is its inline values (values, valuesObject), which override every values file.
  if (d && origin && origin.file === d.plan.app.file) {
    return { kind: 'none', reason: d.plan.app.renderedBy ? renderedReason('it', d.application, d.plan.app.renderedBy) : `it is set by the inline helm values of Application "${d.application}" (${origin.file}:${origin.line}); edit them there` };
  }
  const own = res.layers.filter((l) => l.role !== 'base');
  if (origin && own.some((l) => l.file === origin.file)) return { kind: 'values', file: origin.file };
  const specific = [...own].reverse().find((l) => l.exists) ?? [...own].reverse()[0];
  if (specific) return { kind: 'values', file: specific.file };
  if (d) return { kind: 'none', reason: `Application "${d.application}" layers no values file of its own for ${res.env}; add one to its valueFiles` };
  return { kind: 'none', reason: `${res.app} has no layer of its own for ${res.env}` };
}

/** Why a value an app-of-apps chart writes into an Application is not edited: no file holds that Application. */
const renderedReason = (what: string, application: string, by: RenderedBy) =>
  `${what} is set in Application "${application}", which chart ${by.chart} renders for Application "${by.application}" (app-of-apps); change that chart's values or templates instead`;
