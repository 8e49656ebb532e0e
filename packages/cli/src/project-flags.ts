import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { yamlPosition } from '@tsdbt/core';
import { FlagError } from './flag-error.js';
import { LOG_FORMATS, LOG_LEVELS, type LogLevel } from './logging-options.js';
import { parseWarnErrorOptions } from './warn-error.js';

const FILE = 'dbt_project.yml';

/** The `flags:` of dbt_project.yml that tsdbt applies, typed (the lowest layer: flag > DBT_* > project > default). */
export interface ProjectFlags {
  debug?: boolean;
  failFast?: boolean;
  indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  logFormat?: 'text' | 'json';
  logLevel?: LogLevel;
  logLevelFile?: LogLevel;
  partialParse?: boolean;
  printerWidth?: number;
  useColors?: boolean;
  warnError?: boolean;
  warnErrorOptions?: Record<string, unknown>;
  writeJson?: boolean;
}

type Kind = 'boolean' | 'width' | 'logFormat' | 'logLevel' | 'indirect' | 'mapping';

/**
 * dbt's ProjectFlags fields and their types. The ones with a `ProjectFlags` name are applied; the others (flags
 * tsdbt has no use for, behaviour-change flags) are only type-checked. Keys dbt does not know are accepted, as dbt
 * accepts them: a newer dbt's behaviour flag must not break an older tool.
 */
const FIELDS: Record<string, [Kind, keyof ProjectFlags | undefined]> = {
  debug: ['boolean', 'debug'],
  fail_fast: ['boolean', 'failFast'],
  log_format: ['logFormat', 'logFormat'],
  log_level: ['logLevel', 'logLevel'],
  log_level_file: ['logLevel', 'logLevelFile'],
  partial_parse: ['boolean', 'partialParse'],
  printer_width: ['width', 'printerWidth'],
  use_colors: ['boolean', 'useColors'],
  warn_error: ['boolean', 'warnError'],
  warn_error_options: ['mapping', 'warnErrorOptions'],
  write_json: ['boolean', 'writeJson'],
  log_format_file: ['logFormat', undefined],
  indirect_selection: ['indirect', 'indirectSelection'],
  cache_selected_only: ['boolean', undefined],
  populate_cache: ['boolean', undefined],
  send_anonymous_usage_stats: ['boolean', undefined],
  static_parser: ['boolean', undefined],
  use_colors_file: ['boolean', undefined],
  use_experimental_parser: ['boolean', undefined],
  version_check: ['boolean', undefined],
  require_explicit_package_overrides_for_builtin_materializations: ['boolean', undefined],
  require_resource_names_without_spaces: ['boolean', undefined],
  source_freshness_run_project_hooks: ['boolean', undefined],
  skip_nodes_if_on_run_start_fails: ['boolean', undefined],
  state_modified_compare_more_unrendered_values: ['boolean', undefined],
  require_yaml_configuration_for_mf_time_spines: ['boolean', undefined],
  require_batched_execution_for_custom_microbatch_strategy: ['boolean', undefined],
};

/** dbt's behaviour-change flags: no --flag nor DBT_* variable sets them, only the project. */
const PROJECT_ONLY = new Set([
  'require_explicit_package_overrides_for_builtin_materializations', 'require_resource_names_without_spaces', 'source_freshness_run_project_hooks',
  'skip_nodes_if_on_run_start_fails', 'state_modified_compare_more_unrendered_values', 'require_yaml_configuration_for_mf_time_spines',
  'require_batched_execution_for_custom_microbatch_strategy',
]);

/** warn_error and warn_error_options are one setting: either flag or variable replaces both (see warnErrorPolicy). */
const WARN_ERROR_LAYERS = { args: ['warnError', 'warnErrorOptions'], env: ['DBT_WARN_ERROR', 'DBT_WARN_ERROR_OPTIONS'] };

/** The parsed flags (yargs' camel-cased names) and DBT_* variables that set project flag `key` before the project. */
function layersAbove(key: string): { args: string[]; env: string[] } | undefined {
  if (key === 'warn_error' || key === 'warn_error_options') return WARN_ERROR_LAYERS;
  // The console level: --log-level, --debug (below) or $DBT_LOG_LEVEL decide it before log_level or debug can.
  if (key === 'log_level' || key === 'debug') return { args: ['logLevel'], env: ['DBT_LOG_LEVEL'] };
  if (PROJECT_ONLY.has(key)) return undefined;
  return { args: [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())], env: [`DBT_${key.toUpperCase()}`] };
}

/**
 * Whether a --flag or a DBT_* variable sets project flag `key` (flag > DBT_* > project): then the project's value is
 * never used, and a bad one there must not stop the command. (dbt never stops for one: a project flag of the wrong
 * type makes it drop the whole `flags:` block silently; tsdbt reports the value it would use instead.)
 */
export function setAboveProject(key: string, args: Readonly<Record<string, unknown>>): boolean {
  const layers = layersAbove(key);
  if (!layers) return false;
  // --debug defaults to false: it counts only when given.
  if ((key === 'log_level' || key === 'debug') && args.debug === true) return true;
  return layers.args.some((a) => args[a] !== undefined) || layers.env.some((e) => (process.env[e] ?? '') !== '');
}

/** What each kind accepts, as the error's "must be ..." and its hint's example. */
const EXPECTED: Record<Kind, [string, string]> = {
  boolean: ['true or false', 'true'],
  width: ['a whole number of at least 1', '100'],
  logFormat: ['one of text, json, default, debug', 'json'],
  logLevel: [`one of ${LOG_LEVELS.join(', ')}`, 'info'],
  indirect: ['one of eager, cautious, buildable, empty', 'eager'],
  mapping: ["a mapping such as {error: all, warn: [...]}", '{error: all}'],
};

/** The value as its kind's type, or undefined when it has the wrong type. */
function typed(kind: Kind, v: unknown): unknown {
  switch (kind) {
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'width':
      return Number.isInteger(v) && (v as number) >= 1 ? v : undefined;
    case 'logFormat':
      return typeof v === 'string' && Object.hasOwn(LOG_FORMATS, v) ? LOG_FORMATS[v] : undefined;
    case 'logLevel':
      return typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v) ? v : undefined;
    case 'indirect':
      return typeof v === 'string' && ['eager', 'cautious', 'buildable', 'empty'].includes(v) ? v : undefined;
    case 'mapping':
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  }
}

/** The file's text when it has a top-level `flags:` key (most projects have none: no YAML is loaded for them). */
function flagsText(projectDir: string): string | undefined {
  const path = join(projectDir, FILE);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  return /^flags\s*:/m.test(text) ? text : undefined;
}

/**
 * Reads the `flags:` block of `<projectDir>/dbt_project.yml`, before the project itself is parsed (as dbt does:
 * flags decide how the parse runs). Only that key is read; a missing file or a YAML error is left to the project
 * parse, which reports it with its position. A flag of the wrong type is a FlagError naming its line, unless a
 * --flag or DBT_* variable sets it (`args`: yargs' parsed flags): then the project's value is not used, and skipped.
 */
export async function readProjectFlags(projectDir: string, args: Readonly<Record<string, unknown>> = {}): Promise<ProjectFlags> {
  const dir = resolve(projectDir);
  const text = flagsText(dir);
  if (text === undefined) return {};
  // js-yaml: the parser core uses (one copy in the bundle), with the schema and options it parses this file with.
  const jsYaml = (await import('js-yaml')).default;
  let doc: unknown;
  try {
    doc = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
  } catch {
    return {};
  }
  const flags = (doc as Record<string, unknown> | null)?.flags;
  if (flags === undefined || flags === null) return {};
  if (typeof flags !== 'object' || Array.isArray(flags))
    throw locatedError(dir, ['flags'], `'flags' in ${FILE} must be a mapping of flag names to values`, 'Write it as `flags:` with one `name: value` per line below it.');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flags)) {
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    if (!field || value === null || setAboveProject(key, args)) continue;
    const [kind, name] = field;
    const v = typed(kind, value);
    if (v === undefined) {
      const [expected, example] = EXPECTED[kind];
      throw locatedError(dir, ['flags', key], `'flags.${key}' in ${FILE} must be ${expected} (got ${JSON.stringify(value)})`, `Write it as \`${key}: ${example}\`, or remove it to use the default.`);
    }
    if (name) out[name] = v;
  }
  checkWarnErrorOptions(dir, out as ProjectFlags);
  return out as ProjectFlags;
}

/** warn_error_options is checked here, where its line is known, rather than when the policy is built. */
function checkWarnErrorOptions(dir: string, flags: ProjectFlags): void {
  if (!flags.warnErrorOptions) return;
  const where = ['flags', 'warn_error_options'];
  if (flags.warnError) throw locatedError(dir, where, `'flags.warn_error' and 'flags.warn_error_options' in ${FILE} cannot both be set`, 'Keep one: warn_error: true makes every warning an error.');
  try {
    parseWarnErrorOptions(false, flags.warnErrorOptions, `'flags.warn_error_options' in ${FILE}`);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    throw locatedError(dir, where, error.message, 'Use {error: all | [names], warn: [names], silence: [names]} (or include/exclude).');
  }
}

/** A bad flag in the file: a coded error at the value's line and column (the file re-read only for this). */
function locatedError(projectDir: string, path: string[], message: string, hint: string): FlagError {
  const pos = yamlPosition(join(projectDir, FILE), path);
  return new FlagError(message, { code: 'TSDBT_PROJECT_FLAG_INVALID', projectDir, file: FILE, line: pos.line, column: pos.column, hint });
}
