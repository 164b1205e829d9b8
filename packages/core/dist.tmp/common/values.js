"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isMap = isMap;
exports.pathKey = pathKey;
exports.formatPath = formatPath;
exports.getAt = getAt;
exports.leaves = leaves;
exports.setKey = setKey;
exports.deepClone = deepClone;
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** A stable string key for a path, for maps and sets. */
function pathKey(path) {
    return JSON.stringify(path);
}
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Human form: `resources.limits.memory`, `ingress.hosts[0].host`, `podAnnotations["sidecar.istio.io/inject"]`. */
function formatPath(path) {
    let out = '';
    for (const seg of path) {
        if (typeof seg === 'number')
            out += `[${seg}]`;
        else if (IDENT.test(seg))
            out += out === '' ? seg : `.${seg}`;
        else
            out += `[${JSON.stringify(seg)}]`;
    }
    return out === '' ? '(root)' : out;
}
/** The value at `path`, or undefined when any step is missing. A present `null` is returned as null. */
function getAt(root, path) {
    let cur = root;
    for (const seg of path) {
        if (typeof seg === 'number') {
            if (!Array.isArray(cur) || seg >= cur.length)
                return undefined;
            cur = cur[seg];
        }
        else {
            if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, seg))
                return undefined;
            cur = cur[seg];
        }
    }
    return cur;
}
/** Every leaf (scalar, empty map or empty list) with its path, in document order. */
function* leaves(root, prefix = []) {
    if (isMap(root)) {
        const keys = Object.keys(root);
        if (keys.length === 0 && prefix.length > 0)
            yield [prefix, root];
        for (const k of keys)
            yield* leaves(root[k], [...prefix, k]);
    }
    else if (Array.isArray(root)) {
        if (root.length === 0)
            yield [prefix, root];
        for (let i = 0; i < root.length; i++)
            yield* leaves(root[i], [...prefix, i]);
    }
    else {
        yield [prefix, root];
    }
}
/** Set a key as data: `__proto__` is an ordinary values key and must not change the prototype. */
function setKey(m, k, v) {
    if (k === '__proto__')
        Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
    else
        m[k] = v;
}
/** A deep copy that shares nothing with the input. */
function deepClone(v) {
    if (Array.isArray(v))
        return v.map((x) => deepClone(x));
    if (isMap(v)) {
        const out = {};
        for (const k of Object.keys(v))
            setKey(out, k, deepClone(v[k]));
        return out;
    }
    return v;
}
