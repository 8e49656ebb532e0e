import type { Argv } from 'yargs';
import { yargs } from './yargs.js';
import { commands } from './commands/index.js';
import { globalOptions, type GlobalArgs } from './global-options.js';
import { compatOptions, loggingOptions } from './logging-options.js';
import { FlagError } from './flag-error.js';
import { applyFlags } from './apply-flags.js';
import { cliVersion } from './version.js';

/** Bad usage found by yargs (unknown flag or command, missing argument): thrown so that no handler runs. */
class UsageError extends Error {}

interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders the whole help text (cliui, wrap-ansi) after starting a command's handler, in case the handler calls
 * showHelp() later: 20-30 ms of every run. No tsdbt handler shows help, so that render is skipped. Guarded: if
 * yargs' internals change, this does nothing.
 */
function skipHelpCache(parser: Argv): void {
  const usage = (parser as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Parses argv and runs one command; returns the process exit code (0 ok, 1 failures, 2 bad usage/project error). */
export async function main(argv: string[]): Promise<number> {
  // Command modules load their libraries (core, runner, docs, ingest) only in their handlers: `--help` and a bad flag
  // never pay for them.
  let suggestion: string | undefined;
  const parser = yargs(argv)
    .scriptName('tsdbt')
    .usage('$0 <command> [options]\n\ntsdbt compiles dbt-style SQL projects and runs them in a warehouse.')
    .options(globalOptions)
    .options(loggingOptions)
    .options(compatOptions)
    .middleware((args) => applyFlags(args as GlobalArgs))
    .version(cliVersion())
    .help()
    .alias('h', 'help')
    .strict()
    .demandCommand(1, 'Name a command, for example: tsdbt build')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // recommendCommands' guess comes before strict's "Unknown argument", which ends the parse: keep it as a hint.
      if (!err && msg?.startsWith('Did you mean')) {
        suggestion = msg;
        return;
      }
      // yargs goes on to run the command's handler when this returns: a usage error must throw.
      throw err ?? new UsageError(msg);
    });
  for (const command of commands) parser.command(command);
  skipHelpCache(parser);
  try {
    const result = await parser.parseAsync();
    return typeof result.exitCode === 'number' ? result.exitCode : (process.exitCode as number | undefined) ?? 0;
  } catch (error) {
    if (error instanceof FlagError && error.source) {
      const { reportFlagError } = await import('./report-flag-error.js');
      return reportFlagError(error as FlagError & { source: NonNullable<FlagError['source']> }, argv);
    }
    if (error instanceof UsageError || error instanceof FlagError) {
      process.stderr.write(`${error.message}\n${suggestion ? `${suggestion}\n` : ''}Run 'tsdbt --help' for usage.\n`);
      return 2;
    }
    const { reportError } = await import('./report-error.js');
    return reportError(error, argv.includes('--debug'));
  }
}
