"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replicaFloor = exports.enabled = exports.num = exports.isTrue = exports.mapAt = exports.at = void 0;
const common_1 = require("../../common");
/** Small readers over effective values, so each rule states its intent and not its null checks. */
const at = (v, path) => (0, common_1.getAt)(v, path);
exports.at = at;
const mapAt = (v, path) => {
    const m = (0, common_1.getAt)(v, path);
    return (0, common_1.isMap)(m) ? m : undefined;
};
exports.mapAt = mapAt;
const isTrue = (v, path) => (0, common_1.getAt)(v, path) === true;
exports.isTrue = isTrue;
const num = (v, path) => {
    const n = (0, common_1.getAt)(v, path);
    return typeof n === 'number' ? n : typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : undefined;
};
exports.num = num;
/** Is this chart feature switched on? An `enabled` flag is honoured when present. */
const enabled = (v, path) => {
    const m = (0, exports.mapAt)(v, path);
    return m !== undefined && m.enabled !== false && m.enabled !== null;
};
exports.enabled = enabled;
/** The effective replica count: autoscaling's minimum when it is on, else replicaCount (Helm charts default 1). */
const replicaFloor = (v) => ((0, exports.enabled)(v, ['autoscaling']) ? (0, exports.num)(v, ['autoscaling', 'minReplicas']) ?? 1 : (0, exports.num)(v, ['replicaCount']) ?? 1);
exports.replicaFloor = replicaFloor;
