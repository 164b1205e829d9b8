"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.globDirs = globDirs;
exports.matchesGlob = matchesGlob;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** A glob segment as a RegExp: `*` is any run of characters but '/', `?` one character. */
function segmentRegExp(seg) {
    const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return new RegExp(`^${body}$`);
}
/**
 * Directories under `root` matching a slash-separated glob (`*`, `?`, and `**` for any depth),
 * as sorted posix paths relative to `root`. Hidden folders and node_modules are never matched.
 * `list` names the sub-folders of a folder (the disk by default; generators pass their virtual tree).
 */
function globDirs(root, pattern, list = subdirs) {
    const visible = (dir) => list(dir).filter((d) => !d.startsWith('.') && d !== 'node_modules');
    const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
    const out = new Set();
    const walk = (rel, i) => {
        if (i === segs.length) {
            out.add(rel.join('/'));
            return;
        }
        const seg = segs[i];
        if (seg === '**') {
            walk(rel, i + 1);
            for (const d of visible((0, node_path_1.join)(root, ...rel)))
                walk([...rel, d], i);
            return;
        }
        if (!/[*?]/.test(seg)) {
            if (visible((0, node_path_1.join)(root, ...rel)).includes(seg))
                walk([...rel, seg], i + 1);
            return;
        }
        const re = segmentRegExp(seg);
        for (const d of visible((0, node_path_1.join)(root, ...rel)))
            if (re.test(d))
                walk([...rel, d], i + 1);
    };
    walk([], 0);
    return [...out].sort();
}
function subdirs(dir) {
    try {
        return (0, node_fs_1.readdirSync)(dir, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name);
    }
    catch {
        return [];
    }
}
/** Whether a posix path relative to the root matches a glob as globDirs would find it. */
function matchesGlob(path, pattern) {
    const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
    const parts = path.split('/').filter((s) => s !== '' && s !== '.');
    if (parts.some((p) => p.startsWith('.') || p === 'node_modules'))
        return false;
    const match = (i, k) => {
        if (i === segs.length)
            return k === parts.length;
        if (segs[i] === '**')
            return match(i + 1, k) || (k < parts.length && match(i, k + 1));
        return k < parts.length && segmentRegExp(segs[i]).test(parts[k]) && match(i + 1, k + 1);
    };
    return match(0, 0);
}
