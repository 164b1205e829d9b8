/**
 * The promotion package (plans, edits, the status page, git and GitHub clients), loaded by the
 * commands that use it when they run: validate, lint, values and merge start without it.
 */
export function promotion(): typeof import('@helm-values-manager/promote') {
  return require('@helm-values-manager/promote') as typeof import('@helm-values-manager/promote');
}
