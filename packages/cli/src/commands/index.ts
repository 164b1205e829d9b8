import type { Command } from '../command';
import { completionCommand } from './completion';
import { diffCommand } from './diff';
import { initCommand } from './init';
import { helmArgsCommand } from './helm-args';
import { lintCommand } from './lint';
import { mergeCommand } from './merge';
import { promoteCommand } from './promote';
import { renderCommand } from './render';
import { reportCommand } from './report';
import { sealCommand } from './seal';
import { secretCommand } from './secret';
import { statusCommand } from './status';
import { setImageCommand } from './set-image';
import { validateCommand } from './validate';
import { valuesCommand } from './values';
import { versionCommand } from './version';

/**
 * Every subcommand, in the order `gitops --help` lists them. A new command is one file in
 * this folder and one entry here: help, usage errors and the completion scripts follow.
 */
export const commands: Command[] = [
  valuesCommand,
  mergeCommand,
  validateCommand,
  lintCommand,
  diffCommand,
  statusCommand,
  renderCommand,
  helmArgsCommand,
  promoteCommand,
  setImageCommand,
  reportCommand,
  sealCommand,
  secretCommand,
  initCommand,
  versionCommand,
  completionCommand,
];
