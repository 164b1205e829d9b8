import { deploymentByApplication, loadWorkspace, UserError } from '@helm-values-manager/core';
import { setImage, writeEdits } from '@helm-values-manager/promote';
import type { Command } from '../command';

export const setImageCommand: Command = {
  name: 'set-image',
  summary: 'Pin an image tag in an env (what CI runs after a build), in the layer that sets it, keeping comments and format',
  args: [
    { name: 'APP', description: 'the app (omit with --application)', optional: true },
    { name: 'ENV', description: 'the env whose tag is pinned (omit with --application)', optional: true },
    { name: 'TAG', description: 'the image tag', optional: true },
  ],
  flags: [
    { name: 'key', value: 'KEY', description: 'the values key that holds the tag', default: 'image.tag' },
    { name: 'application', short: 'a', value: 'NAME', description: 'the Argo CD Application instead of APP ENV' },
  ],
  run({ positionals, values, root, usage }, io) {
    const application = values.application as string | undefined;
    if (positionals.length !== (application ? 1 : 3)) {
      throw new UserError(application ? 'with --application, give only the TAG' : 'set-image takes APP ENV TAG, or --application NAME TAG', { hint: `Usage: ${usage}` });
    }
    const ws = loadWorkspace(root());
    const d = application ? deploymentByApplication(ws, application) : undefined;
    if (d && !d.env) throw new UserError(`Application "${application}" deploys to no env of gitops.yaml`, { hint: 'Declare its env, or name it with argocd.names patterns (docs/layouts.md).' });
    const [app, env, tag] = d ? [d.app, d.env as string, positionals[0]] : positionals;
    const edit = setImage(ws, app, env, tag, values.key as string, d?.cluster);
    if (edit.after === edit.before) {
      io.stdout(`${edit.file}: ${edit.key} is already ${tag}\n`);
      return 0;
    }
    writeEdits(ws.root, [edit], 'gitops set-image');
    io.stdout(`${edit.file}: ${edit.key} = ${tag}\n`);
    return 0;
  },
};
