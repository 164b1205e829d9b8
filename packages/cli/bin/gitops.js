#!/usr/bin/env node
'use strict';
// The compiled CLI (npm run build writes dist/; npm ci and npm test run it).
const { main } = require('../dist/main.js');
main(process.argv.slice(2)).then((code) => {
  // a failure to write standard output may already have set 2 (see processIO)
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
});
