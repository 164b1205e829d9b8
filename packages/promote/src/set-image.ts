import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { editTarget, formatPath, getApp, getAt, getEnv, isMap, parseValuesYaml, readBoundedText, resolveValues, setStringAt, setValuesInText, UserError, type Path, type Workspace } from '@helm-values-manager/core';
import type { EditedFile } from './edits';

// An OCI tag (128 characters of [\w.-], not starting with . or -), or a digest.
const TAG = /^(?:[\w][\w.-]{0,127}|sha256:[a-f0-9]{64})$/;

/**
 * Pin an image tag in an env (what CI runs after a build): a comment-preserving edit of the layer
 * that sets the tag for that env (its overlay, a shared env file, or the Application's helm
 * parameter), computed not written. `key` names the tag; naming the image map itself
 * (`--key image`) sets its `tag`, and is refused when that map has no place for one.
 */
export function setImage(ws: Workspace, appName: string, env: string, tag: string, key = 'image.tag', cluster?: string): EditedFile & { key: string } {
  const app = getApp(ws, appName);
  getEnv(ws, env);
  if (!TAG.test(tag)) throw new UserError(`"${tag}" is not an image tag`, { hint: 'A tag is up to 128 letters, digits, _, . and -, not starting with . or -; or a digest sha256:<64 hex>.' });
  const res = resolveValues(ws, app.name, env, { cluster });
  const path = tagPath(key.split('.'), res.values, env);
  const target = editTarget(ws, res, path);
  if (target.kind === 'none') throw new UserError(`cannot set ${formatPath(path)} of ${app.name} in ${env}: ${target.reason}`, { hint: 'Edit the file that sets it by hand.' });
  const file = target.file;
  const absPath = join(ws.root, file);
  const before = existsSync(absPath) ? readBoundedText(absPath, file, { root: ws.root }) : undefined;
  if (target.kind === 'parameter') return { file, absPath, before, after: setStringAt(before ?? '', file, target.at, tag), key: formatPath(path) };
  if (before !== undefined) parseValuesYaml(before, file);
  const after = setValuesInText(before ?? `# ${env} overrides of ${app.name}\n`, file, [{ path, value: tag }]);
  return { file, absPath, before, after, key: formatPath(path) };
}

/** Where the tag goes: the key itself when it holds a scalar (or nothing yet), the `tag` of an image map. */
function tagPath(path: Path, values: Parameters<typeof getAt>[0], env: string): Path {
  const current = getAt(values, path);
  const key = formatPath(path);
  if (Array.isArray(current)) throw new UserError(`${key} is a list in ${env}, not an image tag`, { hint: 'Pass --key with the path of the tag itself, e.g. --key image.tag.' });
  if (!isMap(current)) return path;
  if ('tag' in current || 'repository' in current) return [...path, 'tag'];
  throw new UserError(`${key} is a map in ${env} (${Object.keys(current).join(', ') || 'empty'}) with no tag or repository key; setting it to a tag would replace the whole map`, {
    hint: `Pass --key with the path of the tag inside it, e.g. --key ${key}.tag.`,
  });
}
