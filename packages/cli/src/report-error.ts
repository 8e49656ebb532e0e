import { isTsdbtError } from '@tsdbt/core';

/** Prints an error for a user: coded diagnostics without a stack trace unless --debug. Returns the exit code. */
export function reportError(error: unknown, debug: boolean): number {
  if (isTsdbtError(error)) {
    for (const d of error.diagnostics) {
      const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
      process.stderr.write(`${where}${d.severity} ${d.code}: ${d.message}\n${d.hint ? `  hint: ${d.hint}\n` : ''}`);
    }
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error TSDBT_INTERNAL: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  hint: run again with --debug for the stack trace, and report it if it persists.\n');
  return 1;
}
