// The lower bound for validate: one plain Node process that reads, merges and schema-validates
// every layer of every app with the core engine, and nothing else (no Nx, no policy).
//   node -r @swc-node/register tools/bench/lower-bound.ts WORKSPACE
import { loadWorkspace, schemaCheck, validateApp } from '@helm-values-manager/core';

const ws = loadWorkspace(process.argv[2] ?? process.cwd());
let findings = 0;
for (const app of ws.apps) findings += validateApp(ws, app.name, { checks: [schemaCheck] }).length;
process.stdout.write(`${ws.apps.length} apps, ${findings} findings\n`);
