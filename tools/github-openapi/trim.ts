type Json = Record<string, any>;

/** The operations the tool calls (packages/promote/src/publish), the only ones the contract tests need. */
export const PATHS = [
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}',
  '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  '/repos/{owner}/{repo}/issues/{issue_number}/labels',
];

/** Components the test server builds its answers from although no kept operation refers to them. */
export const EXTRA_REFS = ['#/components/examples/label'];

/**
 * GitHub's OpenAPI description cut down to `paths` (plus `extra` components) and every component
 * they reach through `$ref`, transitively: the same operations, schemas and examples, a small
 * fraction of the size.
 */
export function trimDescription(spec: Json, paths: string[] = PATHS, extra: string[] = EXTRA_REFS): Json {
  const missing = paths.filter((p) => !spec.paths?.[p]);
  if (missing.length > 0) throw new Error(`the description has no ${missing.join(', ')}`);
  const kept: Json = {};
  const seen = new Set<string>();
  const queue: unknown[] = [...paths.map((p) => spec.paths[p]), ...extra.map(($ref) => ({ $ref }))];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (node && typeof node === 'object') {
      const ref = (node as Json).$ref;
      if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
        seen.add(ref);
        const [kind, name] = ref.slice('#/components/'.length).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
        const target = spec.components?.[kind]?.[name];
        if (target === undefined) throw new Error(`${ref} is not in the description`);
        (kept[kind] ??= {})[name] = target;
        queue.push(target);
      }
      queue.push(...Object.values(node as Json));
    }
  }
  const sorted = Object.fromEntries(Object.keys(kept).sort().map((kind) => [kind, Object.fromEntries(Object.keys(kept[kind]).sort().map((n) => [n, kept[kind][n]]))]));
  return {
    openapi: spec.openapi,
    info: spec.info,
    servers: spec.servers,
    paths: Object.fromEntries(paths.map((p) => [p, spec.paths[p]])),
    components: sorted,
  };
}
