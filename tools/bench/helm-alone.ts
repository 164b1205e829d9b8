// The floor under `gitops render`: plain `helm template` of every app x env with exactly the
// arguments render passes (Argo CD's release, namespace, layers and parameters), as many
// processes at once as there are cores, and nothing else (no merge, no validation, no writes).
//   node -r @swc-node/register tools/bench/helm-alone.ts WORKSPACE HELM
// Prints the seconds the helm processes took, from the first start to the last exit.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { helmRelease, loadWorkspace, type Release } from '@helm-values-manager/core';

async function main(): Promise<void> {
  const [root, helm] = process.argv.slice(2);
  const ws = loadWorkspace(root);
  const releases: Release[] = ws.apps.flatMap((app) => ws.config.environments.map((env) => helmRelease(ws, app, env.name)));
  const queue = [...releases];
  const run = (r: Release) => new Promise<void>((ok, fail) => execFile(helm, r.args, { cwd: join(root, r.dir), maxBuffer: 256 << 20 }, (err) => (err ? fail(err) : ok())));
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: availableParallelism() }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) await run(r);
    }),
  );
  process.stdout.write(`${releases.length} ${Number(process.hrtime.bigint() - start) / 1e9}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
