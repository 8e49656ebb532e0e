import { LOG_FORMATS, LOG_LEVELS, type LogLevel } from './logging-options.js';
import { FlagError } from './flag-error.js';
import type { ProjectFlags } from './project-flags.js';
import { parseOptionsJson, parseWarnErrorOptions, type WarnErrorPolicy } from './warn-error.js';

/** dbt's (click's) boolean spellings for DBT_* variables. */
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

/** A DBT_* boolean variable: undefined when unset or empty; anything but dbt's spellings is a FlagError. */
export function envBool(name: string): boolean | undefined {
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

function logFormat(value: string | undefined, what: string): 'text' | 'json' | undefined {
  if (value === undefined) return undefined;
  const f = Object.hasOwn(LOG_FORMATS, value.toLowerCase()) ? LOG_FORMATS[value.toLowerCase()] : undefined;
  if (!f) throw new FlagError(`${what}: '${value}' is not one of text, json (or dbt's default, debug)`);
  return f;
}

/** The global flags after the DBT_* variables, dbt_project.yml's `flags:` and defaults are applied (in that order). */
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
  logFormat: 'text' | 'json';
  failFast: boolean;
  partialParse: boolean;
  /** false (--no-introspect): compile must not query the warehouse. */
  introspect: boolean;
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
  debug?: boolean;
  /**
   * The flags from here on are written back by main()'s middleware, resolved, for handlers that read argv (the
   * other flags are read through cliFlags()).
   */
  writeJson?: boolean;
  logFormat?: string;
  failFast?: boolean;
  partialParse?: boolean;
  introspect?: boolean;
}

/** What resolveFlags takes besides argv: the project's `flags:`, and --warn-error-options already parsed as YAML. */
export interface FlagSources {
  project?: ProjectFlags;
  warnErrorOptions?: Record<string, unknown>;
}

/** --warn-error-options, else $DBT_WARN_ERROR_OPTIONS: the text and where it came from. */
export function warnErrorOptionsText(argv: RawFlags): { text: string; source: string } | undefined {
  if (argv.warnErrorOptions !== undefined) return { text: argv.warnErrorOptions, source: '--warn-error-options' };
  const env = envString('DBT_WARN_ERROR_OPTIONS');
  return env === undefined ? undefined : { text: env, source: '$DBT_WARN_ERROR_OPTIONS' };
}

/**
 * Which warnings are errors. The first of flag, env and project that sets --warn-error or --warn-error-options
 * decides (so `--no-warn-error` also turns off the project's warn_error_options); within the flag and env layers
 * the two combine as before, and both set is an error, as in dbt.
 */
function warnErrorPolicy(argv: RawFlags, sources: FlagSources): WarnErrorPolicy {
  const warnError = argv.warnError ?? envBool('DBT_WARN_ERROR');
  const options = warnErrorOptionsText(argv);
  if (warnError !== undefined || options !== undefined) {
    const parsed = options && (sources.warnErrorOptions ?? parseOptionsJson(options.text, options.source));
    return parseWarnErrorOptions(warnError ?? false, parsed, options?.source ?? '--warn-error-options');
  }
  const project = sources.project ?? {};
  return parseWarnErrorOptions(project.warnError ?? false, project.warnErrorOptions, "'flags.warn_error_options' in dbt_project.yml");
}

/** dbt's default for --log-file-max-bytes: 10 MB. */
export const DEFAULT_LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Each flag from the first of: its --flag, its $DBT_* variable, dbt_project.yml's `flags:`, dbt's default. */
export function resolveFlags(argv: RawFlags, sources: FlagSources = {}): ResolvedFlags {
  const project = sources.project ?? {};
  // --debug is dbt's shorthand for a debug console; an explicit --log-level still wins over $DBT_LOG_LEVEL.
  const consoleLevel =
    logLevel(argv.logLevel, '--log-level') ?? (argv.debug ? 'debug' : undefined) ?? logLevel(envString('DBT_LOG_LEVEL'), '$DBT_LOG_LEVEL') ??
    project.logLevel ?? (project.debug ? 'debug' : undefined);
  return {
    logPath: argv.logPath ?? envString('DBT_LOG_PATH'),
    logLevel: consoleLevel ?? 'info',
    logLevelFile: logLevel(argv.logLevelFile, '--log-level-file') ?? logLevel(envString('DBT_LOG_LEVEL_FILE'), '$DBT_LOG_LEVEL_FILE') ?? project.logLevelFile ?? 'debug',
    logFileMaxBytes:
      wholeNumber(argv.logFileMaxBytes, '--log-file-max-bytes', 0) ??
      wholeNumber(envString('DBT_LOG_FILE_MAX_BYTES'), '$DBT_LOG_FILE_MAX_BYTES', 0) ??
      DEFAULT_LOG_FILE_MAX_BYTES,
    useColors: argv.useColors ?? envBool('DBT_USE_COLORS') ?? project.useColors,
    printerWidth:
      wholeNumber(argv.printerWidth, '--printer-width', 1) ?? wholeNumber(envString('DBT_PRINTER_WIDTH'), '$DBT_PRINTER_WIDTH', 1) ?? project.printerWidth ?? 80,
    warnError: warnErrorPolicy(argv, sources),
    writeJson: argv.writeJson ?? envBool('DBT_WRITE_JSON') ?? project.writeJson ?? true,
    logFormat: logFormat(argv.logFormat, '--log-format') ?? logFormat(envString('DBT_LOG_FORMAT'), '$DBT_LOG_FORMAT') ?? project.logFormat ?? 'text',
    failFast: argv.failFast ?? envBool('DBT_FAIL_FAST') ?? project.failFast ?? false,
    partialParse: argv.partialParse ?? envBool('DBT_PARTIAL_PARSE') ?? project.partialParse ?? true,
    // Not a dbt project flag (dbt's ProjectFlags has no introspect): flag > env > default only.
    introspect: argv.introspect ?? envBool('DBT_INTROSPECT') ?? true,
  };
}

/** Compatibility flags whose DBT_* variables must still be valid booleans, as dbt checks them. */
const COMPAT_ENV = ['DBT_VERSION_CHECK', 'DBT_SEND_ANONYMOUS_USAGE_STATS', 'DBT_STATIC_PARSER', 'DBT_CACHE_SELECTED_ONLY', 'DBT_POPULATE_CACHE', 'DBT_USE_COLORS_FILE'];

export function checkCompatEnv(): void {
  for (const name of COMPAT_ENV) envBool(name);
}
