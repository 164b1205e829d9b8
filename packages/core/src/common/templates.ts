import { existsSync, readFileSync } from 'node:fs';
import { readBoundedText } from './read-bounded';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { Document, stringify } from 'yaml';
import { UserError } from './errors';

export const TEMPLATES_DIR = 'templates';

/**
 * A Handlebars instance whose `{{x}}` writes a YAML-safe scalar (strings are quoted by the YAML
 * library), so no input can inject keys. `{{{x}}}` stays raw for template authors who need it.
 */
function yamlHandlebars(): typeof Handlebars {
  // loaded when a first template is rendered: validate and lint, as a rule, render none
  const hb = (require('handlebars') as typeof Handlebars).create();
  hb.Utils.escapeExpression = ((value: unknown) => yamlScalar(value)) as typeof hb.Utils.escapeExpression;
  // {{toYaml obj indent}}: a nested block, indented to sit under a key.
  hb.registerHelper('toYaml', (value: unknown, indent: unknown) => {
    const n = typeof indent === 'number' ? indent : 0;
    const text = stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
    return new hb.SafeString(text.split('\n').map((l, i) => (i === 0 ? l : ' '.repeat(n) + l)).join('\n'));
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

/** One value as a YAML flow scalar. */
export function yamlScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null && 'toHTML' in value) return String((value as { toHTML(): string }).toHTML());
  const s = String(value);
  // A name (a letter or digit, then letters, digits and _ . / -) that no YAML 1.1 tag reads as
  // anything but a string is written as it is, as the library would write it, without asking it.
  if (SAFE_PLAIN.test(s) && !yaml11Tags().some((t) => t.default === true && t.test?.test(s))) return s;
  // Quoted the way a YAML 1.1 reader (Helm, Argo CD) needs: "yes" and "0755" must stay strings.
  return s.includes('\n') ? JSON.stringify(s) : stringify(s, { version: '1.1', lineWidth: 0 }).trimEnd();
}

const SAFE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
let tags11: Document['schema']['tags'] | undefined;
function yaml11Tags(): Document['schema']['tags'] {
  return (tags11 ??= new Document(null, null, { version: '1.1' }).schema.tags);
}

let hb: typeof Handlebars | undefined;
const compiled = new Map<string, { text: string; render: HandlebarsTemplateDelegate }>();

/** The templates folder of a workspace (user-editable: a platform team changes what new envs get here). */
export function templatesDir(root: string): string {
  return join(root, TEMPLATES_DIR);
}

/** Reads a file under the templates folder by its path there; undefined when it is missing. */
export type TemplateReader = (name: string) => string | undefined;

/** The templates that ship with the tool; a workspace's templates/ overrides them file by file. */
export const DEFAULT_TEMPLATES_DIR = join(__dirname, '../../templates');

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const shipped = new Map<string, string | undefined>();

/** The shipped template `name`; undefined when the tool has none by that name. Read once per process: it is part of the installed tool. */
export function defaultTemplate(name: string): string | undefined {
  if (!shipped.has(name)) shipped.set(name, readIfExists(join(DEFAULT_TEMPLATES_DIR, name)));
  return shipped.get(name);
}

/** Templates read from `root/templates` on disk, else the shipped ones. */
export function diskTemplates(root: string): TemplateReader {
  return (name) => {
    const file = join(templatesDir(root), name);
    return existsSync(file) ? readBoundedText(file, `${TEMPLATES_DIR}/${name}`, { root, kind: 'template' }) : defaultTemplate(name);
  };
}

/**
 * Render `templates/<name>` with `data`. A missing template is a UserError naming it.
 * `read` defaults to the disk; generators pass their virtual tree so a dry run sees pending edits.
 */
export function renderTemplate(root: string, name: string, data: unknown, read: TemplateReader = diskTemplates(root)): string {
  const text = read(name);
  if (text === undefined) {
    throw new UserError(`template ${TEMPLATES_DIR}/${name} is missing`, {
      file: `${TEMPLATES_DIR}/${name}`,
      hint: `The tool ships no template by that name and the workspace's ${TEMPLATES_DIR}/ has none: add it there, or point the generator at a template that exists.`,
    });
  }
  const key = join(templatesDir(root), name);
  let hit = compiled.get(key);
  if (!hit || hit.text !== text) {
    hit = { text, render: (hb ??= yamlHandlebars()).compile(text, { strict: true, noEscape: false }) };
    compiled.set(key, hit);
  }
  try {
    return hit.render(data);
  } catch (e) {
    throw new UserError(`template ${TEMPLATES_DIR}/${name} failed: ${(e as Error).message}`, {
      file: `${TEMPLATES_DIR}/${name}`,
      hint: 'The template uses a value the generator does not provide; fix the template.',
      cause: e,
    });
  }
}
