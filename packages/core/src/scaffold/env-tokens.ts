/** What an env is called in names and hosts: its name and its namespace (e.g. prod and production). */
export interface EnvNames {
  name: string;
  namespace: string;
}

const SEPARATORS = /([-_.])/;

/** Replace every `-`/`_`/`.`-delimited token equal to the old env's name or namespace; undefined when none matched. */
export function replaceEnvTokens(text: string, from: EnvNames, to: string): string | undefined {
  let hit = false;
  const parts = text.split(SEPARATORS).map((part) => {
    if (part === from.name || part === from.namespace) {
      hit = true;
      return to;
    }
    return part;
  });
  return hit ? parts.join('') : undefined;
}

/** Whether `text` names the env somewhere, as a whole token. */
export function mentionsEnv(text: string, env: EnvNames): boolean {
  return replaceEnvTokens(text, env, '') !== undefined;
}

/**
 * A host name for the new env: env tokens replaced (members-staging.example.com -> members-qa.example.com);
 * a host without one gets the env appended to its first label (members.example.com -> members-qa.example.com).
 */
export function rewriteHost(host: string, from: EnvNames, to: string): string {
  const labels = host.split('.');
  const head = labels.slice(0, Math.max(1, labels.length - 1)).map((l) => replaceEnvTokens(l, from, to) ?? l);
  const rewritten = [...head, ...labels.slice(head.length)].join('.');
  if (rewritten !== host) return rewritten;
  return [`${labels[0]}-${to}`, ...labels.slice(1)].join('.');
}

/** A resource name for the new env (members-prod-tls -> members-qa-tls, vault -> vault-qa, web-tls -> web-qa-tls). */
export function rewriteName(name: string, from: EnvNames, to: string): string {
  const replaced = replaceEnvTokens(name, from, to);
  if (replaced !== undefined) return replaced;
  return name.endsWith('-tls') ? `${name.slice(0, -4)}-${to}-tls` : `${name}-${to}`;
}
