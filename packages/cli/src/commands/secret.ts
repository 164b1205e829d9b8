import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ageIdentitiesFromEnv, setSecret, UserError } from '@helm-values-manager/core';
import { appEnvOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, type Command } from '../command';
import type { CliIO } from '../io';

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: path, hint: 'Check the path.', cause: e });
  }
}

/** The new file beside the old one, then renamed over it: never half-written. Its content is already encrypted. */
function writeAtomically(abs: string, text: string): void {
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function secretValue(io: CliIO, fromFile: string | undefined): Promise<Buffer> {
  if (fromFile !== undefined) return readInput(resolve(io.cwd, fromFile), 'the secret file');
  if (io.stdin) return Buffer.from(await io.stdin(), 'utf8');
  throw new UserError('no secret value', { hint: 'Pipe it in (printf %s "$VALUE" | gitops secret set ...) or pass --from-file FILE.' });
}

/** `gitops secret set APP ENV KEY`: the value comes from stdin or --from-file, never from an argument. */
export const secretCommand: Command = {
  name: 'secret',
  summary: 'Add or rotate one secret of an app in an env: into its SOPS file (re-encrypted, MAC updated) or SealedSecret, or print the External Secrets remote key',
  args: [
    { name: 'ACTION', description: 'set', choices: ['set'] },
    { name: 'APP', description: 'the app (omit with --application)', optional: true },
    { name: 'ENV', description: 'the env (omit with --application)', optional: true },
    { name: 'KEY', description: 'the secret key, e.g. redis-password', optional: true },
  ],
  flags: [
    applicationFlag(),
    { name: 'from-file', value: 'FILE', description: 'read the value from FILE instead of standard input (never pass it as an argument)', path: true },
    { name: 'cert', value: 'FILE', description: "a SealedSecret env's controller certificate (default: the cluster's sealedSecretsCertificate)", path: true },
    helmFlag,
  ],
  help: 'A SOPS file is re-encrypted with its own data key: set SOPS_AGE_KEY_FILE (or SOPS_AGE_KEY) to an identity of one of its recipients.\nExample:\n  printf %s "$NEW_PASSWORD" | SOPS_AGE_KEY_FILE=keys.txt gitops secret set alpha-members dev redis-password',
  async run({ positionals: [action, ...rest], values, root, usage }, io) {
    if (action !== 'set') throw new UserError(`unknown secret action "${action}"`, { hint: 'Use: gitops secret set APP ENV KEY < value.txt' });
    const ws = loadCliWorkspace({ root, values }, io);
    const { app, env, rest: [key] } = appEnvOf(ws, rest, values, usage, 1);
    const cert = typeof values.cert === 'string' ? { pem: readInput(resolve(io.cwd, values.cert), 'the certificate').toString('utf8'), file: values.cert } : undefined;
    const result = await setSecret(ws, app, env, key, {
      value: () => secretValue(io, values['from-file'] as string | undefined),
      identities: ageIdentitiesFromEnv(io.env),
      certificate: cert,
      now: new Date(),
    });
    if (result.kind === 'write') writeAtomically(join(ws.root, result.file), result.text);
    io.stdout(result.message);
    return 0;
  },
};
