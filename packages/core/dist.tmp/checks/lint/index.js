"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lintApp = void 0;
var lint_app_1 = require("./lint-app");
Object.defineProperty(exports, "lintApp", { enumerable: true, get: function () { return lint_app_1.lintApp; } });
