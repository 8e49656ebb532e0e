import yargs from 'yargs';
import { commands } from './commands/index.js';
import { globalOptions } from './global-options.js';
import { reportError } from './report-error.js';
import { cliVersion } from './version.js';

/** Parses argv and runs one command; returns the process exit code (0 ok, 1 failures, 2 bad usage/project error). */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('tsdbt')
    .usage('$0 <command> [options]\n\ntsdbt compiles dbt-style SQL projects and runs them in a warehouse.')
    .options(globalOptions)
    .version(cliVersion())
    .help()
    .alias('h', 'help')
    .strict()
    .demandCommand(1, 'Name a command, for example: tsdbt build')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  for (const command of commands) parser.command(command);
  try {
    const result = await parser.parseAsync();
    exitCode = typeof result.exitCode === 'number' ? result.exitCode : (process.exitCode as number | undefined) ?? 0;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  }
  if (usageError) {
    process.stderr.write(`${usageError}\nRun 'tsdbt --help' for usage.\n`);
    return 2;
  }
  return exitCode;
}
