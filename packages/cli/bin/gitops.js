#!/usr/bin/env node
'use strict';
// The compiled CLI (npm run build writes dist/; npm ci and npm test run it).
// Node keeps the compiled code of these modules (in the OS's temporary folder) from one run to
// the next: loading them is a large share of a short command. Node before 22.1 has no such cache.
require('node:module').enableCompileCache?.();
const { main } = require('../dist/main.js');
main(process.argv.slice(2)).then((code) => {
  // a failure to write standard output may already have set 2 (see processIO)
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
});
