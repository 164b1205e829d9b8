"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schemaKeys = schemaKeys;
exports.schemaDeclares = schemaDeclares;
const common_1 = require("../../common");
/** The property names the schema declares for the map at `path`. */
function schemaKeys(schema, path) {
    let node = schema;
    for (const seg of path) {
        node = deref(schema, node);
        if (!(0, common_1.isMap)(node))
            return [];
        node = typeof seg === 'number' ? node.items : (0, common_1.isMap)(node.properties) ? node.properties[seg] : undefined;
    }
    node = deref(schema, node);
    return (0, common_1.isMap)(node) && (0, common_1.isMap)(node.properties) ? Object.keys(node.properties) : [];
}
/** Does the JSON Schema declare this path (properties, patternProperties or a schema for additionalProperties)? */
function schemaDeclares(schema, path) {
    let node = schema;
    for (const seg of path) {
        node = deref(schema, node);
        if (!(0, common_1.isMap)(node))
            return false;
        if (typeof seg === 'number') {
            node = (0, common_1.isMap)(node.items) ? node.items : undefined;
            continue;
        }
        const props = (0, common_1.isMap)(node.properties) ? node.properties : {};
        const patterns = (0, common_1.isMap)(node.patternProperties) ? node.patternProperties : {};
        const byPattern = Object.entries(patterns).find(([re]) => safeTest(re, seg));
        if (seg in props)
            node = props[seg];
        else if (byPattern)
            node = byPattern[1];
        else if ((0, common_1.isMap)(node.additionalProperties))
            node = node.additionalProperties;
        else
            return false;
    }
    return true;
}
function deref(root, node) {
    for (let i = 0; i < 20 && (0, common_1.isMap)(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/'); i++) {
        let target = root;
        for (const part of node.$ref.slice(2).split('/'))
            target = (0, common_1.isMap)(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
        node = target;
    }
    return node;
}
function safeTest(re, s) {
    try {
        return new RegExp(re, 'u').test(s);
    }
    catch {
        return false;
    }
}
