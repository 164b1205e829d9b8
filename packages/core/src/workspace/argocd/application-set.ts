import { mergePatch } from './merge-patch';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../common';
import { isMap, type Path, type Value, type ValueMap } from '../../common';
import { applicationSpec, type ApplicationSpec } from './application-spec';
import { positionIn, type ArgoDocument } from './documents';
import { generate, type GeneratorContext, type Params } from './generators';
import { renderTemplateValue, TemplateAtPathError, type TemplateEngine } from './render-template';

export interface ExpandedSet {
  applications: ApplicationSpec[];
  findings: Finding[];
  /** True when some Applications of this set cannot be known here (an unsupported generator, say). */
  partial: boolean;
}

/**
 * The Applications an ApplicationSet generates: each parameter set of its generators rendered
 * into `spec.template` (then `templatePatch`), as Argo CD renders them. Positions of a generated
 * Application point into the ApplicationSet's template.
 */
export function expandApplicationSet(doc: ArgoDocument, ctx: Omit<GeneratorContext, 'engine' | 'at'>): ExpandedSet {
  const spec = isMap(doc.data.spec) ? doc.data.spec : {};
  const missingKeyError = Array.isArray(spec.goTemplateOptions) && spec.goTemplateOptions.map(String).includes('missingkey=error');
  const engine: TemplateEngine = { goTemplate: spec.goTemplate === true, options: { missingKeyError } };
  const at = (path: Path, atKey = false) => positionIn(doc.yaml, path, atKey);
  const findings: Finding[] = [];
  let partial = false;
  const templateAt = (path: Path) => at(['spec', 'template', ...path]);
  const templateError = (e: TemplateAtPathError, base: Path) => {
    partial = true;
    findings.push({
      rule: e.cause.unsupported ? 'argocd-generator-unsupported' : 'argocd-application-unreadable',
      severity: e.cause.unsupported ? 'warning' : 'error',
      message: `ApplicationSet "${doc.name}": ${e.cause.message}`,
      ...at([...base, ...e.path]),
      hint: e.cause.unsupported ? 'The Applications this template generates are not known here; use the functions listed in docs/layouts.md.' : 'Argo CD fails to render this template; fix it.',
    });
  };

  const params: Params[] = [];
  const gens = Array.isArray(spec.generators) ? spec.generators : [];
  if (gens.length === 0) findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `ApplicationSet "${doc.name}" has no generators`, ...at(['spec']), hint: 'Add spec.generators.' });
  gens.forEach((g, i) => {
    if (!isMap(g)) return;
    try {
      const out = generate(g, ['spec', 'generators', i], { ...ctx, engine, at });
      params.push(...out.params);
      findings.push(...out.findings);
      partial ||= out.partial;
    } catch (e) {
      if (!(e instanceof TemplateAtPathError)) throw e;
      templateError(e, []);
    }
  });
  if (spec.templatePatch !== undefined && !engine.goTemplate) {
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'templatePatch needs goTemplate: true', ...at(['spec', 'templatePatch']), hint: 'Set goTemplate: true, as Argo CD requires.' });
  }

  const applications: ApplicationSpec[] = [];
  const seen = new Map<string, number>();
  for (const p of params) {
    let data: ValueMap;
    try {
      data = renderTemplateValue(isMap(spec.template) ? spec.template : {}, p, engine) as ValueMap;
    } catch (e) {
      if (!(e instanceof TemplateAtPathError)) throw e;
      templateError(e, ['spec', 'template']);
      continue;
    }
    if (engine.goTemplate && typeof spec.templatePatch === 'string') {
      try {
        const patch = parseYaml(renderTemplateValue(spec.templatePatch, p, engine) as string) as Value;
        data = mergePatch(data, patch) as ValueMap;
      } catch (e) {
        if (e instanceof TemplateAtPathError) templateError(e, ['spec', 'templatePatch']);
        else findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `ApplicationSet "${doc.name}": templatePatch does not render to YAML: ${(e as Error).message.split('\n')[0]}`, ...at(['spec', 'templatePatch']), hint: 'Argo CD fails to apply it; fix the patch.' });
        continue;
      }
    }
    const { app, findings: f } = applicationSpec(data, doc.file, templateAt, { applicationSet: doc.name, params: p as ValueMap });
    findings.push(...f);
    if (seen.has(app.name)) {
      findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `ApplicationSet "${doc.name}" generates two Applications named "${app.name}"`, ...templateAt(['metadata', 'name']), hint: 'Argo CD refuses duplicate names: make the name template use a parameter that differs.' });
      continue;
    }
    seen.set(app.name, applications.length);
    applications.push(app);
  }
  return { applications, findings, partial };
}
