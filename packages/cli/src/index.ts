export { run, main } from './main';
export type { CliIO } from './io';
export type { Argument, Command, CommandInput, Flag } from './command';
export { commands } from './commands/index';
