// What the status page costs beyond the validate it reuses, in one process:
//   node -r @swc-node/register tools/bench/status-page.ts WORKSPACE
// Prints JSON: seconds of validate, seconds of the rest (promotion plans, values with
// provenance, the HTML), and the page's size.
import { buildStatus, formatHtmlReport, loadWorkspace, newResolutions, validateApp } from '@helm-values-manager/core';
import { pendingPromotions } from '@helm-values-manager/promote';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
// CPU seconds too: on a shared machine they say more than the clock
const cpu = (start: NodeJS.CpuUsage) => { const u = process.cpuUsage(start); return (u.user + u.system) / 1e6; };

const ws = loadWorkspace(process.argv[2]);
let t = process.hrtime.bigint();
let c = process.cpuUsage();
// One resolution of each app and env, made by validate and reused by the rest, as collectStatus does.
const resolutions = newResolutions();
const findings = ws.apps.flatMap((a) => validateApp(ws, a.name, { resolutions }));
const validate = seconds(t);
const validateCpu = cpu(c);
t = process.hrtime.bigint();
c = process.cpuUsage();
const html = formatHtmlReport(buildStatus(ws, { findings, pending: pendingPromotions(ws, undefined, resolutions), values: true, resolutions }), { linkBase: '' });
const report = seconds(t);
const reportCpu = cpu(c);
process.stdout.write(`${JSON.stringify({ apps: ws.apps.length, envs: ws.config.environments.length, validate, validateCpu, report, reportCpu, bytes: html.length })}\n`);
