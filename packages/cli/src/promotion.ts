/**
 * The promotion package (plans, edits, the status page, git and GitHub clients), loaded by the
 * commands that use it when they run: validate, lint, values and merge start without it.
 */
export function promotion(): Promise<typeof import('@helm-values-manager/promote')> {
  return import('@helm-values-manager/promote');
}
