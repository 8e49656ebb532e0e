import { FlagError } from './flag-error.js';

/**
 * Which warnings are errors (dbt's --warn-error / --warn-error-options). A warning is named by its dbt event name
 * (`LogTestResult`, `NoNodesForSelectionCriteria`, `JinjaLogWarning`...) or by tsdbt's diagnostic code; a name that
 * tsdbt never emits is accepted and matches nothing.
 */
export interface WarnErrorPolicy {
  /** True when any of the names is promoted to an error. */
  isError(...names: string[]): boolean;
  /** True when the warning is not to be shown at all (`silence`). */
  isSilenced(...names: string[]): boolean;
}

const list = (v: unknown, key: string, source: string): string[] | 'all' => {
  if (v === undefined || v === null) return [];
  if (v === 'all' || v === '*') return 'all';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.includes('all') || v.includes('*') ? 'all' : v;
  throw new FlagError(`${source}: '${key}' must be "all" or a list of warning names`);
};

const SHAPE = "a mapping such as '{error: all, warn: [NoNodesSelected]}' (YAML or JSON)";

function asMapping(value: unknown, text: string, source: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FlagError(`${source}: '${text}' is not ${SHAPE}`);
  return value as Record<string, unknown>;
}

/** JSON only, without loading a YAML parser: the fallback when flags are resolved outside main(). */
export function parseOptionsJson(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlagError(`${source}: '${text}' is not a JSON object such as '{"error": "all"}'`);
  }
  return asMapping(value, text, source);
}

/**
 * The text of --warn-error-options / $DBT_WARN_ERROR_OPTIONS as dbt reads it: YAML (`{include: all, exclude:
 * [NoNodesForSelectionCriteria]}`), of which JSON is a subset. JSON is tried first: CI scripts pass it, and it needs
 * no YAML parser.
 */
export async function parseOptionsText(text: string, source: string): Promise<Record<string, unknown>> {
  try {
    return asMapping(JSON.parse(text), text, source);
  } catch (error) {
    if (error instanceof FlagError) throw error;
  }
  // js-yaml with core's schema: the parser the bundle already holds for dbt_project.yml.
  const jsYaml = (await import('js-yaml')).default;
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? 'a syntax error';
    throw new FlagError(`${source}: '${text}' is not valid YAML or JSON (${reason}); write ${SHAPE}`);
  }
  return asMapping(value, text, source);
}

const KEYS = new Set(['error', 'include', 'warn', 'exclude', 'silence']);

/** The policy from --warn-error (all warnings) or --warn-error-options (parsed); dbt refuses both at once. */
export function parseWarnErrorOptions(warnError: boolean, options: Record<string, unknown> | undefined, source: string): WarnErrorPolicy {
  if (warnError && options !== undefined) throw new FlagError('--warn-error and --warn-error-options cannot be used together: pass one of them');
  let error: string[] | 'all' = warnError ? 'all' : [];
  let warn: string[] | 'all' = [];
  let silence: string[] | 'all' = [];
  if (options !== undefined) {
    const o = options;
    const unknown = Object.keys(o).filter((k) => !KEYS.has(k));
    if (unknown.length) throw new FlagError(`${source}: unknown key '${unknown[0]}' (use error, warn and silence, or include and exclude)`);
    if (o.error !== undefined && o.include !== undefined) throw new FlagError(`${source}: give 'error' or its old name 'include', not both`);
    if (o.warn !== undefined && o.exclude !== undefined) throw new FlagError(`${source}: give 'warn' or its old name 'exclude', not both`);
    error = list(o.error ?? o.include, o.error !== undefined ? 'error' : 'include', source);
    warn = list(o.warn ?? o.exclude, o.warn !== undefined ? 'warn' : 'exclude', source);
    silence = list(o.silence, 'silence', source);
  }
  const has = (l: string[] | 'all', names: string[]): boolean => l === 'all' || names.some((n) => l.includes(n));
  return {
    isError: (...names) => has(error, names) && !has(warn, names) && !has(silence, names),
    isSilenced: (...names) => has(silence, names),
  };
}

/** dbt's event names for the warnings tsdbt emits under its own diagnostic codes. */
const DBT_EVENT: Record<string, string> = {
  TSDBT_SELECTOR_NO_MATCH: 'NoNodesForSelectionCriteria',
  TSDBT_NOTHING_SELECTED: 'NoNodesSelected',
  TSDBT_MICROBATCH_NO_EVENT_TIME_INPUTS: 'MicrobatchModelNoEventTimeInputs',
  TSDBT_UNKNOWN_PROPERTY_KEY: 'CustomTopLevelKeyDeprecation',
};

/** The names a diagnostic answers to: its code and, where dbt has one, dbt's event name. */
export function warningNames(code: string): string[] {
  const event = DBT_EVENT[code];
  return event ? [code, event] : [code];
}
