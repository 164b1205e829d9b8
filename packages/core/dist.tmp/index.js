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
// The values engine. Pure TypeScript over files and data: no Nx, no git, no network.
// Read top-down: YAML in, values merged, workspace resolved, checks run, reports out.
__exportStar(require("./common"), exports);
__exportStar(require("./yaml"), exports);
__exportStar(require("./values"), exports);
__exportStar(require("./rules"), exports);
__exportStar(require("./config"), exports);
__exportStar(require("./workspace"), exports);
__exportStar(require("./checks"), exports);
__exportStar(require("./render"), exports);
__exportStar(require("./diff"), exports);
__exportStar(require("./scaffold"), exports);
__exportStar(require("./sealing"), exports);
__exportStar(require("./status"), exports);
__exportStar(require("./report"), exports);
