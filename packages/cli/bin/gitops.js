#!/usr/bin/env node
'use strict';
// The compiled CLI (npm run build writes dist/; npm ci and npm test run it).
const { main } = require('../dist/main.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
