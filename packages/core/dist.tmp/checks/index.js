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
exports.schemaCheck = void 0;
// Checks run over resolved values: schema, policy, secrets, Argo CD consistency, lint, ignore comments.
__exportStar(require("./check"), exports);
var schema_check_1 = require("./schema-check");
Object.defineProperty(exports, "schemaCheck", { enumerable: true, get: function () { return schema_check_1.schemaCheck; } });
__exportStar(require("./validate"), exports);
__exportStar(require("./policy/index"), exports);
__exportStar(require("./secrets/index"), exports);
__exportStar(require("./consistency"), exports);
__exportStar(require("./ignore"), exports);
__exportStar(require("./lint/index"), exports);
