"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEMPLATES_DIR = void 0;
exports.yamlScalar = yamlScalar;
exports.templatesDir = templatesDir;
exports.diskTemplates = diskTemplates;
exports.renderTemplate = renderTemplate;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const handlebars_1 = __importDefault(require("handlebars"));
const yaml_1 = require("yaml");
const errors_1 = require("./errors");
exports.TEMPLATES_DIR = 'templates';
/**
 * A Handlebars instance whose `{{x}}` writes a YAML-safe scalar (strings are quoted by the YAML
 * library), so no input can inject keys. `{{{x}}}` stays raw for template authors who need it.
 */
function yamlHandlebars() {
    const hb = handlebars_1.default.create();
    hb.Utils.escapeExpression = ((value) => yamlScalar(value));
    // {{toYaml obj indent}}: a nested block, indented to sit under a key.
    hb.registerHelper('toYaml', (value, indent) => {
        const n = typeof indent === 'number' ? indent : 0;
        const text = (0, yaml_1.stringify)(value, { version: '1.1', lineWidth: 0 }).trimEnd();
        return new hb.SafeString(text.split('\n').map((l, i) => (i === 0 ? l : ' '.repeat(n) + l)).join('\n'));
    });
    hb.registerHelper('eq', (a, b) => a === b);
    return hb;
}
/** One value as a YAML flow scalar. */
function yamlScalar(value) {
    if (value === null || value === undefined)
        return 'null';
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (typeof value === 'object' && value !== null && 'toHTML' in value)
        return String(value.toHTML());
    const s = String(value);
    // Quoted the way a YAML 1.1 reader (Helm, Argo CD) needs: "yes" and "0755" must stay strings.
    return s.includes('\n') ? JSON.stringify(s) : (0, yaml_1.stringify)(s, { version: '1.1', lineWidth: 0 }).trimEnd();
}
const hb = yamlHandlebars();
const compiled = new Map();
/** The templates folder of a workspace (user-editable: a platform team changes what new envs get here). */
function templatesDir(root) {
    return (0, node_path_1.join)(root, exports.TEMPLATES_DIR);
}
/** Templates read from `root/templates` on disk. */
function diskTemplates(root) {
    return (name) => {
        const file = (0, node_path_1.join)(templatesDir(root), name);
        return (0, node_fs_1.existsSync)(file) ? (0, node_fs_1.readFileSync)(file, 'utf8') : undefined;
    };
}
/**
 * Render `templates/<name>` with `data`. A missing template is a UserError naming it.
 * `read` defaults to the disk; generators pass their virtual tree so a dry run sees pending edits.
 */
function renderTemplate(root, name, data, read = diskTemplates(root)) {
    const text = read(name);
    if (text === undefined) {
        throw new errors_1.UserError(`template ${exports.TEMPLATES_DIR}/${name} is missing`, {
            file: `${exports.TEMPLATES_DIR}/${name}`,
            hint: 'Restore it from the project (git checkout -- templates/) or point the generator at a template that exists.',
        });
    }
    const key = (0, node_path_1.join)(templatesDir(root), name);
    let hit = compiled.get(key);
    if (!hit || hit.text !== text) {
        hit = { text, render: hb.compile(text, { strict: true, noEscape: false }) };
        compiled.set(key, hit);
    }
    try {
        return hit.render(data);
    }
    catch (e) {
        throw new errors_1.UserError(`template ${exports.TEMPLATES_DIR}/${name} failed: ${e.message}`, {
            file: `${exports.TEMPLATES_DIR}/${name}`,
            hint: 'The template uses a value the generator does not provide; fix the template.',
            cause: e,
        });
    }
}
