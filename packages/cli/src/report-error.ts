import { resolve } from 'node:path';
import { formatDiagnostics, isTsdbtError, TsdbtError, type Diagnostic } from '@tsdbt/core';
import { cliFlags } from './cli-flags.js';
import { levelShown } from './global-options.js';
import { warningNames } from './warn-error.js';

/** The value of `--name X` or `--name=X` in raw arguments. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
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

/**
 * --warn-error / --warn-error-options: throws the warnings that are errors as one error (exit 2, as dbt raises them)
 * and returns the others, less the silenced ones.
 */
export function applyWarnError(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const policy = cliFlags().warnError;
  const warnings = diagnostics.filter((d) => d.severity !== 'warning' || !policy.isSilenced(...warningNames(d.code)));
  const promoted = warnings.filter((d) => d.severity === 'warning' && policy.isError(...warningNames(d.code)));
  if (promoted.length) {
    throw new TsdbtError(promoted[0]!.code, `${promoted.length} warning(s) treated as errors (--warn-error)`, {
      diagnostics: promoted.map((d) => ({ ...d, severity: 'error' as const, hint: d.hint ?? 'A warning, made an error by --warn-error (or --warn-error-options).' })),
      exitCode: 2,
    });
  }
  return warnings;
}

/** Prints warnings (parse diagnostics that did not stop the run); under --warn-error, throws those that are errors. */
export function reportWarnings(all: readonly Diagnostic[], options: ReportOptions & { quiet?: boolean } = {}): void {
  const diagnostics = applyWarnError(all);
  if (diagnostics.length === 0 || options.quiet || !levelShown('warn', cliFlags().logLevel)) return;
  if (options.format === 'json') return printJson(diagnostics);
  process.stderr.write(`${formatDiagnostics(diagnostics, { projectDir: options.projectDir, max: 50 })}\n`);
}

/**
 * Prints an error for a user: coded diagnostics with a source excerpt and a caret, no stack trace unless --debug.
 * Returns the exit code (the error's own: 1 for project errors, 2 for bad usage).
 */
export function reportError(error: unknown, debug: boolean, options: ReportOptions = {}): number {
  const argv = process.argv.slice(2);
  // The flag as typed, else the resolved one (which $DBT_LOG_FORMAT or dbt_project.yml's flags may have set).
  const format = options.format ?? ((flagValue(argv, 'log-format') ?? cliFlags().logFormat) === 'json' ? 'json' : 'text');
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
