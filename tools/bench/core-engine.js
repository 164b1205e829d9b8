// The floor's work done by the core engine: load the workspace, then read, merge and
// schema-validate every layer of every app (positions and provenance included), and nothing
// else (no Nx, no policy). Plain JavaScript over the compiled packages, as the CLI runs, so no
// TypeScript loader adds to its start-up.
//   node tools/bench/core-engine.js WORKSPACE
'use strict';
const { loadWorkspace, schemaCheck, validateApp } = require('@helm-values-manager/core');

const ws = loadWorkspace(process.argv[2] ?? process.cwd());
let findings = 0;
for (const app of ws.apps) findings += validateApp(ws, app.name, { checks: [schemaCheck] }).length;
process.stdout.write(`${ws.apps.length} apps, ${findings} findings\n`);
