export { run, main } from './main';
export type { CliIO } from './io';
export type { Command } from './command';
export { commands } from './commands/index';
