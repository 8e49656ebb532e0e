import { LOG_LEVELS, type LogLevel } from './logging-options.js';
import { FlagError } from './flag-error.js';
import { parseWarnErrorOptions, type WarnErrorPolicy } from './warn-error.js';

/** dbt's (click's) boolean spellings for DBT_* variables. */
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

function envBool(name: string): boolean | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new FlagError(`$${name}: '${raw}' is not a boolean (use true or false)`);
}

function envString(name: string): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function wholeNumber(value: number | string | undefined, what: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min) throw new FlagError(`${what}: '${value}' is not a whole number of at least ${min}`);
  return n;
}

function logLevel(value: string | undefined, what: string): LogLevel | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new FlagError(`${what}: '${value}' is not one of ${LOG_LEVELS.join(', ')}`);
  return v as LogLevel;
}

/** The global flags after the DBT_* variables and defaults are applied (flag > env > default, as dbt). */
export interface ResolvedFlags {
  logPath?: string;
  logLevel: LogLevel;
  logLevelFile: LogLevel;
  logFileMaxBytes: number;
  /** undefined: colour on a terminal only. */
  useColors?: boolean;
  printerWidth: number;
  warnError: WarnErrorPolicy;
  writeJson: boolean;
}

/** The yargs-parsed flags read by resolveFlags (camel-cased). */
export interface RawFlags {
  logPath?: string;
  logLevel?: string;
  logLevelFile?: string;
  logFileMaxBytes?: number;
  useColors?: boolean;
  printerWidth?: number;
  warnError?: boolean;
  warnErrorOptions?: string;
  /** Set by main()'s middleware from the flag, else $DBT_WRITE_JSON (the other flags are read through cliFlags()). */
  writeJson?: boolean;
  debug?: boolean;
}

/** dbt's default for --log-file-max-bytes: 10 MB. */
export const DEFAULT_LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;

export function resolveFlags(argv: RawFlags): ResolvedFlags {
  // --debug is dbt's shorthand for a debug console; an explicit --log-level still wins over $DBT_LOG_LEVEL.
  const consoleLevel = logLevel(argv.logLevel, '--log-level') ?? (argv.debug ? 'debug' : undefined) ?? logLevel(envString('DBT_LOG_LEVEL'), '$DBT_LOG_LEVEL');
  const warnError = argv.warnError ?? envBool('DBT_WARN_ERROR') ?? false;
  const optionsText = argv.warnErrorOptions ?? envString('DBT_WARN_ERROR_OPTIONS');
  const optionsSource = argv.warnErrorOptions !== undefined ? '--warn-error-options' : '$DBT_WARN_ERROR_OPTIONS';
  return {
    logPath: argv.logPath ?? envString('DBT_LOG_PATH'),
    logLevel: consoleLevel ?? 'info',
    logLevelFile: logLevel(argv.logLevelFile, '--log-level-file') ?? logLevel(envString('DBT_LOG_LEVEL_FILE'), '$DBT_LOG_LEVEL_FILE') ?? 'debug',
    logFileMaxBytes:
      wholeNumber(argv.logFileMaxBytes, '--log-file-max-bytes', 0) ??
      wholeNumber(envString('DBT_LOG_FILE_MAX_BYTES'), '$DBT_LOG_FILE_MAX_BYTES', 0) ??
      DEFAULT_LOG_FILE_MAX_BYTES,
    useColors: argv.useColors ?? envBool('DBT_USE_COLORS'),
    printerWidth: wholeNumber(argv.printerWidth, '--printer-width', 1) ?? wholeNumber(envString('DBT_PRINTER_WIDTH'), '$DBT_PRINTER_WIDTH', 1) ?? 80,
    warnError: parseWarnErrorOptions(warnError, optionsText, optionsSource),
    writeJson: argv.writeJson ?? envBool('DBT_WRITE_JSON') ?? true,
  };
}

/** Compatibility flags whose DBT_* variables must still be valid booleans, as dbt checks them. */
const COMPAT_ENV = ['DBT_VERSION_CHECK', 'DBT_SEND_ANONYMOUS_USAGE_STATS', 'DBT_STATIC_PARSER', 'DBT_INTROSPECT', 'DBT_CACHE_SELECTED_ONLY', 'DBT_POPULATE_CACHE', 'DBT_USE_COLORS_FILE'];

export function checkCompatEnv(): void {
  for (const name of COMPAT_ENV) envBool(name);
}
