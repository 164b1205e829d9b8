"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scanSecretFiles = scanSecretFiles;
exports.checkFile = checkFile;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const yaml_1 = require("yaml");
const rules_1 = require("../../rules");
const NOT_SECRETS = /(^\.sops\.ya?ml$|\.md$|^\.gitkeep$|^\.gitignore$)/i;
/** Every file under the app's secrets/ folder (or the workspace's, without an app) that is not encrypted. */
function scanSecretFiles(ws, app) {
    const dir = app ? `${app.dir}/secrets` : 'secrets';
    return files(ws.root, dir).flatMap((file) => checkFile(file, (0, node_fs_1.readFileSync)((0, node_path_1.join)(ws.root, file), 'utf8'), app?.name));
}
function files(root, dir) {
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(root, dir)))
        return [];
    return (0, node_fs_1.readdirSync)((0, node_path_1.join)(root, dir), { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => (e.isDirectory() ? files(root, `${dir}/${e.name}`) : NOT_SECRETS.test(e.name) ? [] : [`${dir}/${e.name}`]));
}
/** The problems of one file under secrets/ (exported for tests and for tools that check one file). */
function checkFile(file, text, app) {
    const finding = (line, column, message) => ({
        rule: rules_1.UNENCRYPTED_SECRET_FILE.id,
        severity: 'error',
        message,
        file,
        line,
        column,
        ...(app ? { app } : {}),
        hint: rules_1.UNENCRYPTED_SECRET_FILE.fix,
    });
    // SOPS dotenv and ini files keep their metadata as sops_* keys.
    if (/^sops_mac=/m.test(text) || /^\s*mac\s*=\s*ENC\[/m.test(text)) {
        const clear = text.split('\n').findIndex((l) => /^[^#\s][^=]*=/.test(l) && !/^sops_/.test(l) && !/=ENC\[/.test(l));
        return clear < 0 ? [] : [finding(clear + 1, 1, 'a SOPS file with a value in clear text')];
    }
    const lc = new yaml_1.LineCounter();
    const docs = (0, yaml_1.parseAllDocuments)(text, { lineCounter: lc });
    const pos = (n) => lc.linePos(n?.range?.[0] ?? 0);
    if (!Array.isArray(docs) || docs.length === 0 || docs.some((d) => d.errors.length > 0)) {
        return [finding(1, 1, 'neither a SOPS file nor a SealedSecret: the file is not YAML or JSON that either would write')];
    }
    const out = [];
    for (const doc of docs) {
        const root = doc.contents;
        if (!(0, yaml_1.isMap)(root))
            continue;
        const kind = root.get('kind');
        if (kind === 'SealedSecret') {
            const spec = root.get('spec', true);
            if (!(0, yaml_1.isMap)(spec) || !(0, yaml_1.isMap)(spec.get('encryptedData', true)))
                out.push(finding(pos(root).line, pos(root).col, 'a SealedSecret without spec.encryptedData'));
            continue;
        }
        if (kind === 'Secret') {
            out.push(finding(pos(root).line, pos(root).col, 'a plain Kubernetes Secret: base64 is an encoding, not encryption'));
            continue;
        }
        const sops = root.get('sops', true);
        if (!(0, yaml_1.isMap)(sops) || !sops.has('mac')) {
            out.push(finding(pos(root).line, pos(root).col, 'neither a SOPS file (no sops section with a mac) nor a SealedSecret'));
            continue;
        }
        const rules = sopsRules(sops.toJSON());
        walk(root, [], (keys, node) => {
            if (keys[0] === 'sops' || !rules.mustEncrypt(keys))
                return;
            if ((0, yaml_1.isScalar)(node) && node.value !== null && node.value !== '' && !(typeof node.value === 'string' && node.value.startsWith('ENC['))) {
                const p = pos(node);
                out.push(finding(p.line, p.col, `"${keys.join('.')}" is in clear text in a SOPS file`));
            }
        });
    }
    return out;
}
/** Which keys SOPS encrypts, from the file's own metadata (its default: every value). */
function sopsRules(meta) {
    const str = (k) => (typeof meta[k] === 'string' && meta[k] !== '' ? meta[k] : undefined);
    const unencSuffix = str('unencrypted_suffix') ?? (str('encrypted_suffix') || str('encrypted_regex') || str('unencrypted_regex') ? undefined : '_unencrypted');
    const encSuffix = str('encrypted_suffix');
    const encRegex = str('encrypted_regex');
    const unencRegex = str('unencrypted_regex');
    return {
        mustEncrypt(keys) {
            if (unencSuffix && keys.some((k) => k.endsWith(unencSuffix)))
                return false;
            if (encSuffix && !keys.some((k) => k.endsWith(encSuffix)))
                return false;
            if (encRegex && !keys.some((k) => new RegExp(encRegex).test(k)))
                return false;
            if (unencRegex && keys.some((k) => new RegExp(unencRegex).test(k)))
                return false;
            return true;
        },
    };
}
function walk(node, keys, visit) {
    if ((0, yaml_1.isMap)(node)) {
        for (const pair of node.items)
            walk(pair.value, [...keys, String((0, yaml_1.isScalar)(pair.key) ? pair.key.value : pair.key)], visit);
    }
    else if ((0, yaml_1.isSeq)(node)) {
        node.items.forEach((item) => walk(item, keys, visit));
    }
    else {
        visit(keys, node);
    }
}
