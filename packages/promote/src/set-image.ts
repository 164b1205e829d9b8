import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getApp, getEnv, overlayFileName, parseValuesYaml, setValuesInText, UserError, type Workspace } from '@hvm/core';
import type { EditedFile } from './edits';

// An OCI tag (128 characters of [\w.-], not starting with . or -), or a digest.
const TAG = /^(?:[\w][\w.-]{0,127}|sha256:[a-f0-9]{64})$/;

/** Pin an image tag in an env's overlay (what CI runs after a build): a comment-preserving edit, computed not written. */
export function setImage(ws: Workspace, appName: string, env: string, tag: string, key = 'image.tag'): EditedFile {
  const app = getApp(ws, appName);
  getEnv(ws, env);
  if (!TAG.test(tag)) throw new UserError(`"${tag}" is not an image tag`, { hint: 'A tag is up to 128 letters, digits, _, . and -, not starting with . or -; or a digest sha256:<64 hex>.' });
  const file = `${app.dir}/${overlayFileName(env)}`;
  const absPath = join(ws.root, file);
  const before = existsSync(absPath) ? readFileSync(absPath, 'utf8') : undefined;
  if (before !== undefined) parseValuesYaml(before, file);
  const path = key.split('.');
  const after = setValuesInText(before ?? `# ${env} overrides of ${app.name}\n`, file, [{ path, value: tag }]);
  return { file, absPath, before, after };
}
