import { resolve } from 'node:path';
import { formatDiagnostics, isTsdbtError, type Diagnostic } from '@tsdbt/core';

function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export interface ReportOptions {
  /** Folder that diagnostic file paths are relative to (for the source excerpt). */
  projectDir?: string;
  format?: 'text' | 'json';
}

/** Diagnostics for `--log-format json`: one JSON object per line, as dbt's structured logs are. */
function printJson(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${JSON.stringify({ level: d.severity, ...d })}\n`);
}

/** Prints warnings (parse diagnostics that did not stop the run). */
export function reportWarnings(diagnostics: readonly Diagnostic[], options: ReportOptions & { quiet?: boolean } = {}): void {
  if (diagnostics.length === 0 || options.quiet) return;
  if (options.format === 'json') return printJson(diagnostics);
  process.stderr.write(`${formatDiagnostics(diagnostics, { projectDir: options.projectDir, max: 50 })}\n`);
}

/**
 * Prints an error for a user: coded diagnostics with a source excerpt and a caret, no stack trace unless --debug.
 * Returns the exit code (the error's own: 1 for project errors, 2 for bad usage).
 */
export function reportError(error: unknown, debug: boolean, options: ReportOptions = {}): number {
  const argv = process.argv.slice(2);
  const format = options.format ?? (flagValue(argv, 'log-format') === 'json' ? 'json' : 'text');
  const projectDir = options.projectDir ?? resolve(flagValue(argv, 'project-dir') ?? process.env.DBT_PROJECT_DIR ?? '.');
  if (isTsdbtError(error)) {
    if (format === 'json') printJson(error.diagnostics);
    else process.stderr.write(`${formatDiagnostics(error.diagnostics, { projectDir, max: 50 })}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (format === 'json') printJson([{ code: 'TSDBT_INTERNAL', severity: 'error', message }]);
  else process.stderr.write(`error TSDBT_INTERNAL: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (format !== 'json') process.stderr.write('  hint: run again with --debug for the stack trace, and report it if it persists.\n');
  return 1;
}
