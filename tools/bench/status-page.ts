// What the status page costs beyond the validate it reuses, in one process:
//   node -r @swc-node/register tools/bench/status-page.ts WORKSPACE
// Prints JSON: seconds of validate, seconds of the rest (promotion plans, values with
// provenance, the HTML), and the page's size.
import { buildStatus, formatHtmlReport, loadWorkspace, validateApp } from '@helm-values-manager/core';
import { pendingPromotions } from '@helm-values-manager/promote';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
// CPU seconds too: on a shared machine they say more than the clock
const cpu = (start: NodeJS.CpuUsage) => { const u = process.cpuUsage(start); return (u.user + u.system) / 1e6; };

const ws = loadWorkspace(process.argv[2]);
let t = process.hrtime.bigint();
let c = process.cpuUsage();
const findings = ws.apps.flatMap((a) => validateApp(ws, a.name));
const validate = seconds(t);
const validateCpu = cpu(c);
t = process.hrtime.bigint();
c = process.cpuUsage();
const html = formatHtmlReport(buildStatus(ws, { findings, pending: pendingPromotions(ws), values: true }), { linkBase: '' });
const report = seconds(t);
const reportCpu = cpu(c);
process.stdout.write(`${JSON.stringify({ apps: ws.apps.length, envs: ws.config.environments.length, validate, validateCpu, report, reportCpu, bytes: html.length })}\n`);
