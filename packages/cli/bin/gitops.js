#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly: the same code the Nx plugin loads.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', '..', '..', 'tsconfig.base.json');
require('@swc-node/register');
const { main } = require('../src/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
