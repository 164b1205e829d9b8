import type { Path } from '../../common';
import { renderFastTemplate } from './template-fast';
import { renderGoTemplate, TemplateError, type GoTemplateOptions } from './template-go';

/** How an ApplicationSet templates: fasttemplate `{{param}}`, or Go templates with `goTemplate: true`. */
export interface TemplateEngine {
  goTemplate: boolean;
  options: GoTemplateOptions;
}

/** A template error at a path of the templated value (where its string is written). */
export class TemplateAtPathError extends Error {
  constructor(
    readonly cause: TemplateError,
    readonly path: Path,
  ) {
    super(cause.message);
  }
}

/**
 * Render every string (and every map key) of a value, as Argo CD renders an ApplicationSet's
 * template: each string on its own, so a rendered number stays a string.
 */
export function renderTemplateValue(value: unknown, params: Record<string, unknown>, engine: TemplateEngine, path: Path = []): unknown {
  if (typeof value === 'string') {
    try {
      return engine.goTemplate ? renderGoTemplate(value, params, engine.options) : renderFastTemplate(value, params);
    } catch (e) {
      if (e instanceof TemplateError) throw new TemplateAtPathError(e, path);
      throw e;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => renderTemplateValue(v, params, engine, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[renderTemplateValue(k, params, engine, [...path, k]) as string] = renderTemplateValue(v, params, engine, [...path, k]);
    return out;
  }
  return value;
}
