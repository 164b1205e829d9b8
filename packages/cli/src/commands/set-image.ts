import { loadWorkspace } from '@hvm/core';
import { setImage, writeEdits } from '@hvm/promote';
import type { Command } from '../command';

export const setImageCommand: Command = {
  name: 'set-image',
  summary: "Pin an image tag in an env's overlay (what CI runs after a build), keeping comments and format",
  args: [
    { name: 'APP', description: 'the app' },
    { name: 'ENV', description: 'the env whose overlay pins the tag' },
    { name: 'TAG', description: 'the image tag' },
  ],
  flags: [{ name: 'key', value: 'KEY', description: 'the values key that holds the tag', default: 'image.tag' }],
  run({ positionals: [app, env, tag], values, root }, io) {
    const ws = loadWorkspace(root());
    const edit = setImage(ws, app, env, tag, values.key as string);
    if (edit.after === edit.before) {
      io.stdout(`${edit.file}: ${edit.key} is already ${tag}\n`);
      return 0;
    }
    writeEdits([edit]);
    io.stdout(`${edit.file}: ${edit.key} = ${tag}\n`);
    return 0;
  },
};
