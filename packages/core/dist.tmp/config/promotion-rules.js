"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.matchesKeyPattern = matchesKeyPattern;
exports.isImageTag = isImageTag;
exports.isPromotable = isPromotable;
/**
 * Does a key pattern match a value path? Segments are separated by dots; `*` matches one
 * segment, `**` any number (none included). List indexes are segments too: `hosts.*.host`.
 */
function matchesKeyPattern(pattern, path) {
    const segs = path.map(String);
    const pats = pattern.split('.');
    const match = (p, s) => {
        if (p === pats.length)
            return s === segs.length;
        if (pats[p] === '**')
            return match(p + 1, s) || (s < segs.length && match(p, s + 1));
        return s < segs.length && (pats[p] === '*' || pats[p] === segs[s]) && match(p + 1, s + 1);
    };
    return match(0, 0);
}
/** `image.tag`, `sidecar.image.tag`, `initImage.tag`: the tag of an image, promotable unless denied. */
function isImageTag(path) {
    return path.length >= 2 && path[path.length - 1] === 'tag' && /image$/i.test(String(path[path.length - 2]));
}
/**
 * May promotion copy the value at `path` of `app`? `never` patterns (global and the app's) win;
 * otherwise image tags always, plus the `promotable` patterns (global and the app's).
 */
function isPromotable(config, app, path) {
    const rules = config.promotion;
    const own = rules.apps[app] ?? {};
    if ([...rules.never, ...(own.never ?? [])].some((p) => matchesKeyPattern(p, path)))
        return false;
    return isImageTag(path) || [...rules.promotable, ...(own.promotable ?? [])].some((p) => matchesKeyPattern(p, path));
}
