import { findWorkspaceRoot, loadWorkspace } from '@hvm/core';
import { setImage, writeEdits } from '@hvm/promote';
import type { Command } from '../command';

export const setImageCommand: Command = {
  name: 'set-image',
  summary: "Pin an image tag in an env's overlay (what CI runs after a build), keeping comments and format",
  usage: 'gitops set-image APP ENV TAG [--key image.tag]',
  arity: [3, 3],
  options: {
    key: { type: 'string', default: 'image.tag' },
  },
  run({ positionals: [app, env, tag], values }, io) {
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const edit = setImage(ws, app, env, tag, values.key as string);
    if (edit.after === edit.before) {
      io.stdout(`${edit.file}: ${values.key} is already ${tag}\n`);
      return 0;
    }
    writeEdits([edit]);
    io.stdout(`${edit.file}: ${values.key} = ${tag}\n`);
    return 0;
  },
};
