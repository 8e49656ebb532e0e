import { TsdbtError } from '@tsdbt/core';
import type { FlagError, FlagErrorSource } from './flag-error.js';
import { flagValue, reportError } from './report-error.js';

/** The console format of an invocation whose flags did not resolve: its --log-format, else $DBT_LOG_FORMAT. */
function formatOf(argv: readonly string[]): 'text' | 'json' {
  return (flagValue(argv, 'log-format') ?? process.env.DBT_LOG_FORMAT) === 'json' ? 'json' : 'text';
}

/**
 * A bad flag written in a file (dbt_project.yml's `flags:`): printed as a coded diagnostic with its line and a source
 * excerpt, exit 2, no stack trace unless --debug.
 */
export function reportFlagError(error: FlagError & { source: FlagErrorSource }, argv: readonly string[]): number {
  const { code, file, line, column, hint, projectDir } = error.source;
  const coded = new TsdbtError(code, error.message, { file, line, column, hint, exitCode: 2 });
  if (error.stack) coded.stack = error.stack;
  return reportError(coded, argv.includes('--debug'), { projectDir, format: formatOf(argv) });
}
