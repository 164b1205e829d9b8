"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.configSchemaPath = exports.parseConfig = exports.loadConfig = void 0;
// gitops.yaml: its types and defaults, loading and comment-preserving edits, promotion rules.
__exportStar(require("./types"), exports);
__exportStar(require("./defaults"), exports);
var load_config_1 = require("./load-config");
Object.defineProperty(exports, "loadConfig", { enumerable: true, get: function () { return load_config_1.loadConfig; } });
Object.defineProperty(exports, "parseConfig", { enumerable: true, get: function () { return load_config_1.parseConfig; } });
Object.defineProperty(exports, "configSchemaPath", { enumerable: true, get: function () { return load_config_1.configSchemaPath; } });
__exportStar(require("./edit-config"), exports);
__exportStar(require("./promotion-rules"), exports);
__exportStar(require("./rule-setting"), exports);
