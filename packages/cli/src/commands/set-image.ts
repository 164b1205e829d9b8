import { promotion } from '../promotion';
import { appEnvOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, type Command } from '../command';

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
    applicationFlag(),
    helmFlag,
  ],
  async run({ positionals, values, root, usage }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    const { app, env, cluster, rest: [tag] } = appEnvOf(ws, positionals, values, usage, 1);
    const { setImage, writeEdits } = await promotion();
    const edit = setImage(ws, app, env, tag, values.key as string, cluster);
    if (edit.after === edit.before) {
      io.stdout(`${edit.file}: ${edit.key} is already ${tag}\n`);
      return 0;
    }
    writeEdits(ws.root, [edit], 'gitops set-image');
    io.stdout(`${edit.file}: ${edit.key} = ${tag}\n`);
    return 0;
  },
};
