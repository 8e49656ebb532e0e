import type { CommandModule } from 'yargs';
import { runnerCommands } from '../printing/runner-commands.js';
import { parseCommand } from './parse.js';
import { compileCommand } from './compile.js';
import { cleanCommand } from './clean.js';
import { depsCommand } from './deps.js';
import { debugCommand } from './debug.js';
import { docsCommand } from './docs.js';
import { lsCommand } from './ls.js';
import { ingestCommand } from './ingest.js';
import { initCommand } from './init.js';

/** Every `tsdbt` command. Each lives in its own file and calls a library function; printing stays in the CLI. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  parseCommand, compileCommand, cleanCommand, debugCommand, depsCommand, initCommand,
  ...runnerCommands,
  docsCommand,
  lsCommand,
  ingestCommand,
];
