"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VALIDATED_KINDS = void 0;
exports.validateManifest = validateManifest;
const node_path_1 = require("node:path");
const common_1 = require("../common");
/** The models that ship a validator per kind (the @kubernetes-models packages, ESM, loaded by file). */
const MODELS = {
    'argoproj.io/v1alpha1/Application': { pkg: '@kubernetes-models/argo-cd', file: 'argoproj.io/v1alpha1/Application.js', name: 'Application' },
    'external-secrets.io/v1/ExternalSecret': { pkg: '@kubernetes-models/external-secrets', file: 'external-secrets.io/v1/ExternalSecret.js', name: 'ExternalSecret' },
    'external-secrets.io/v1beta1/ExternalSecret': { pkg: '@kubernetes-models/external-secrets', file: 'external-secrets.io/v1beta1/ExternalSecret.js', name: 'ExternalSecret' },
    'bitnami.com/v1alpha1/SealedSecret': { pkg: '@kubernetes-models/sealed-secrets', file: 'bitnami.com/v1alpha1/SealedSecret.js', name: 'SealedSecret' },
};
const loaded = new Map();
function model(key) {
    const m = MODELS[key];
    if (!m)
        return undefined;
    let ctor = loaded.get(key);
    if (!ctor) {
        // The packages export ESM by "import" only; require the file itself (Node loads ESM by require).
        ctor = require((0, node_path_1.join)((0, node_path_1.dirname)(require.resolve(`${m.pkg}/package.json`)), m.file))[m.name];
        loaded.set(key, ctor);
    }
    return ctor;
}
exports.VALIDATED_KINDS = Object.keys(MODELS);
/** Check a manifest against its kind's schema; a kind without one is a problem too. */
function validateManifest(doc) {
    if (!(0, common_1.isMap)(doc))
        return [{ pointer: '', message: 'is not a mapping' }];
    const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
    const ctor = model(key);
    if (!ctor)
        return [{ pointer: '/kind', message: `no schema for ${key}; known: ${exports.VALIDATED_KINDS.join(', ')}` }];
    try {
        new ctor(doc).validate();
        return [];
    }
    catch (e) {
        const errors = e.errors;
        if (!errors)
            return [{ pointer: '', message: e.message }];
        return errors.map((x) => ({ pointer: x.instancePath, message: `${x.message ?? 'is invalid'}${x.params && 'allowedValues' in x.params ? ` (${x.params.allowedValues.join(', ')})` : ''}` }));
    }
}
