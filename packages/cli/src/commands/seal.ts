import { resolve } from 'node:path';
import { parseScope, readBounded, SEALING_SCOPES, sealingKeyFromPem, sealValue, UserError } from '@helm-values-manager/core';
import type { Command } from '../command';

function readInput(path: string, what: string): Buffer {
  return readBounded(path, path, { root: null, kind: what });
}

/** `kubeseal --raw` without a cluster: the controller's certificate is all it needs. */
export const sealCommand: Command = {
  name: 'seal',
  summary: 'Seal one value for a SealedSecret offline, printing what kubeseal --raw prints',
  args: [],
  flags: [
    { name: 'raw', description: 'print the encrypted value only (required: the only mode there is)' },
    { name: 'cert', value: 'FILE', description: "the controller's public certificate (kubeseal --fetch-cert > cert.pem)", path: true },
    { name: 'namespace', short: 'n', value: 'NS', description: 'the namespace of the SealedSecret' },
    { name: 'name', value: 'NAME', description: 'the name of the SealedSecret (strict scope)' },
    { name: 'scope', value: 'SCOPE', description: `where the value may be unsealed: ${SEALING_SCOPES.join(', ')} (default: strict)` },
    { name: 'from-file', value: 'FILE', description: 'read the value from FILE instead of standard input', path: true },
  ],
  help: 'Example:\n  gitops seal --raw --cert cert.pem --namespace prod --name app-secrets < password.txt',
  async run({ values }, io) {
    if (!values.raw) throw new UserError('gitops seal only writes raw values', { hint: 'Pass --raw; put the output under spec.encryptedData of the SealedSecret.' });
    if (typeof values.cert !== 'string') throw new UserError('--cert is required', { hint: 'Save the controller certificate with kubeseal --fetch-cert > cert.pem and pass --cert cert.pem.' });
    const certPath = resolve(io.cwd, values.cert);
    const key = sealingKeyFromPem(readInput(certPath, 'the certificate').toString('utf8'), values.cert);
    const scope = parseScope(values.scope as string | undefined);
    const file = values['from-file'] as string | undefined;
    let secret: Buffer;
    if (file !== undefined) secret = readInput(resolve(io.cwd, file), 'the secret file');
    else if (io.stdin) secret = Buffer.from(await io.stdin(), 'utf8');
    else throw new UserError('no value to seal', { hint: 'Pass --from-file FILE or pipe the value in.' });
    io.stdout(sealValue(key, secret, { scope, namespace: values.namespace as string | undefined, name: values.name as string | undefined }));
    return 0;
  },
};
