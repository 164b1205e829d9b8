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
// Plain types and helpers every layer uses: values, findings, errors, names, globs, templates.
__exportStar(require("./values"), exports);
__exportStar(require("./errors"), exports);
__exportStar(require("./finding"), exports);
__exportStar(require("./did-you-mean"), exports);
__exportStar(require("./glob"), exports);
__exportStar(require("./names"), exports);
__exportStar(require("./templates"), exports);
