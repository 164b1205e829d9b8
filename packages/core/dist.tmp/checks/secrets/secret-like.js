"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDACTED = void 0;
exports.isSecretKey = isSecretKey;
exports.secretTokenKind = secretTokenKind;
exports.isSecretValue = isSecretValue;
exports.isReference = isReference;
exports.isSecretLike = isSecretLike;
exports.holdsSecret = holdsSecret;
exports.redactValue = redactValue;
exports.redact = redact;
exports.redactAny = redactAny;
const common_1 = require("../../common");
exports.REDACTED = '<redacted>';
// Key names that hold a secret's value. Matched on word parts of camelCase, snake and kebab names.
const SECRET_WORDS = /^(password|passwd|pwd|passphrase|secret|token|apikey|privatekey|credentials?|clientsecret|accesskey|secretkey|authkey|masterkey|encryptionkey|signingkey|webhooksecret|dsn)$/;
// Names that point at a secret (a k8s Secret's name, a key inside it, a store) rather than hold one.
const REFERENCE_SUFFIX = /(name|names|ref|refs|selector|key|keys|file|files|path|paths|url|uri|endpoint|policy|length|mount|enabled|create|existing|source|store|type|ttl|interval|annotations?|labels?)$/i;
/** Known token formats: a match is a credential whatever key holds it. */
const TOKEN_PATTERNS = [
    { name: 'a PEM private key', re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
    { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
    { name: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
    { name: 'a Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
    { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
    { name: 'a Stripe secret key', re: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/ },
    { name: 'a connection string with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@[^\s]+/i },
];
function words(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[\s_\-.]+/)
        .map((w) => w.toLowerCase())
        .filter(Boolean);
}
/** Does this key name hold a secret's value (`password`, `apiToken`, `client_secret`), not a reference to one (`secretName`, `existingSecret`)? */
function isSecretKey(key) {
    const compact = key.replace(/[-_.\s]/g, '');
    if (REFERENCE_SUFFIX.test(compact) && !/(secret|private|access|api|auth|master|encryption|signing)key$/i.test(compact))
        return false;
    const parts = words(key);
    // existingSecret, configFromSecret, useSecret, createSecret: they name or switch a Secret, not hold one
    if (parts.some((w) => ['existing', 'from', 'use', 'create'].includes(w)))
        return false;
    const joined = parts.join('');
    if (SECRET_WORDS.test(joined))
        return true;
    // the last word decides: dbPassword, adminPassword, apiToken; not passwordPolicy
    const last = parts[parts.length - 1] ?? '';
    const lastTwo = parts.slice(-2).join('');
    return SECRET_WORDS.test(last) || SECRET_WORDS.test(lastTwo);
}
/** The name of the well-known credential format `value` holds, if any. */
function secretTokenKind(value) {
    if (typeof value !== 'string' || value.length < 8)
        return undefined;
    for (const { name, re } of TOKEN_PATTERNS) {
        const m = re.exec(value);
        // `user:${PASSWORD}@host` or `user:$(PASSWORD)@host` is a reference, not a password
        if (m && !(m[1] !== undefined && isReference(m[1])))
            return name;
    }
    return undefined;
}
function isSecretValue(value) {
    return secretTokenKind(value) !== undefined;
}
/** Values that are fine under a secret-like key: empty, a template or env reference, an encrypted blob. */
function isReference(value) {
    if (value === null || value === undefined || value === '' || typeof value === 'boolean')
        return true;
    if (typeof value !== 'string')
        return false;
    const v = value.trim();
    return /^\{\{.*\}\}$/s.test(v) || /^\$\{[^}]+\}$/.test(v) || /^\$\([^)]+\)$/.test(v) || /^\$[A-Z_][A-Z0-9_]*$/.test(v) || /^ENC\[/.test(v) || /^(vault|ref\+|secretref|awssm|gcpsm|azkv|op):/i.test(v) || v === exports.REDACTED;
}
/** A plaintext secret: a literal under a secret-like key, or a known token format anywhere. */
function isSecretLike(path, value) {
    if (isSecretValue(value))
        return true;
    return holdsSecret(path) && !(0, common_1.isMap)(value) && !Array.isArray(value) && !isReference(value);
}
/**
 * Does the key at the end of `path` hold a secret's value? `secretKey` in a `data` list item
 * (External Secrets' shape, which the generators write) names a key of a Secret instead.
 */
function holdsSecret(path) {
    let i = path.length - 1;
    while (i >= 0 && typeof path[i] !== 'string')
        i--;
    if (i < 0)
        return false;
    const key = path[i];
    if (key === 'secretKey' && typeof path[i - 1] === 'number' && /^data(From)?$/.test(String(path[i - 2])))
        return false;
    return isSecretKey(key);
}
/** `value`, or `<redacted>` when it is secret-like at `path`. */
function redactValue(path, value) {
    return isSecretLike(path, value) ? exports.REDACTED : value;
}
/** A deep copy with every secret-like leaf replaced by `<redacted>`: safe to print, log or put in a PR. */
function redact(values, base = []) {
    const out = {};
    for (const [k, v] of Object.entries(values))
        out[k] = redactAny([...base, k], v);
    return out;
}
/** Any value (a leaf, a map or a list) with its secret-like leaves replaced by `<redacted>`. */
function redactAny(path, v) {
    if ((0, common_1.isMap)(v))
        return redact(v, path);
    if (Array.isArray(v))
        return v.map((item, i) => redactAny([...path, i], item));
    return redactValue(path, v);
}
