import { UserError } from './errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const DNS_LABEL_RULE =
  "a DNS-1123 label: 1 to 63 lower-case letters a-z, digits 0-9 and '-', starting and ending with a letter or digit (e.g. qa, prod-eu)";

export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/**
 * Refuse a name that is not a DNS-1123 label. Env, cluster and app names become file names,
 * Kubernetes namespaces and Argo CD Application names, so `../x` or `{{x}}` must never get through.
 */
export function assertDnsLabel(kind: string, name: unknown, flag = `--${kind}`): string {
  const text = String(name ?? '');
  if (!isDnsLabel(text)) {
    throw new UserError(`${kind} name ${JSON.stringify(text)} is not allowed: it must be ${DNS_LABEL_RULE}`, {
      hint: `Pass ${flag} with a name such as ${kind === 'cluster' ? 'prod-eu' : kind === 'app' ? 'billing' : 'qa'}.`,
    });
  }
  return text;
}
