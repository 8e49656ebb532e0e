import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeRegExp } from '../util/escape-regexp.js';

/** What dbt-core's SchemaParser reads at the top of a property file, and `version`. */
const READ = new Set(['version', 'models', 'seeds', 'snapshots', 'sources', 'macros', 'analyses', 'exposures', 'groups', 'unit_tests']);

/** dbt Semantic Layer resources: dbt parses them into manifest.json, tsdbt does not yet. */
const SEMANTIC = ['semantic_models', 'metrics', 'saved_queries'];

const SEMANTIC_HINT = 'tsdbt does not build the dbt Semantic Layer yet; these entries are not in manifest.json';


/** 1-based line of a top-level key in the file's text (block style: the key starts its line). */
function keyLine(text: string, key: string): number | undefined {
  const at = new RegExp(`^["']?${escapeRegExp(key)}["']?[ \\t]*:`, 'm').exec(text);
  return at ? text.slice(0, at.index).split('\n').length : undefined;
}

/** How Python's str() shows a YAML value, as dbt's message does (`None`, `True`, `2.0`). */
function pyStr(value: unknown, raw: string | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' && Number.isInteger(value) && raw !== undefined && /[.eE]/.test(raw)) return value.toFixed(1);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * dbt's check_format_version: since dbt 1.5 a property file may leave `version:` out, but one that has it must say
 * `version: 2`, an integer (`"2"` and `2.0` are refused, as a YAML bool is not: Python counts True as 1). The error
 * stops the parse, as dbt's PropertyYMLError does. Returns false when the file is not to be read further.
 */
export function checkFormatVersion(data: Record<string, unknown>, text: string, file: string, problems: Diagnostic[]): boolean {
  if (!('version' in data)) return true;
  const version = data.version;
  // The scalar as written: YAML's `2.0` and `2` are one number once parsed, but Python reads the first as a float.
  const raw = /^["']?version["']?[ \t]*:[ \t]*([^#\n]*)/m.exec(text)?.[1]?.trim();
  const isInt = (typeof version === 'number' && Number.isInteger(version) && !(raw !== undefined && /[.eE]/.test(raw))) || typeof version === 'boolean';
  if (isInt && version === 2) return true;
  const line = keyLine(text, 'version');
  const issue = isInt
    ? `its 'version:' tag is set to ${pyStr(version, raw)}.  Only 2 is supported`
    : `its 'version:' tag must be an integer (e.g. version: 2). ${pyStr(version, raw)} is not an integer`;
  problems.push({
    code: 'TSDBT_PROPERTY_VERSION', severity: 'error', file, line,
    message: `The yml property file at ${file} is invalid because ${issue}`,
    hint: 'Write `version: 2` (unquoted), or leave the key out: dbt 1.5+ reads a property file without it. See https://docs.getdbt.com/reference/configs-and-properties',
  });
  return false;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

const count = (v: unknown): string => (Array.isArray(v) ? `${v.length} ${v.length === 1 ? 'entry' : 'entries'}` : 'its entries');

/**
 * Warnings for top-level keys tsdbt does not read, so nothing is dropped without a word: the Semantic Layer's
 * (once per file; a project shared with dbt Cloud still parses), singular test properties (`data_tests:`), and any
 * other key (dbt 1.10's CustomTopLevelKeyDeprecation, a warning there too: a typo such as `model:` is no error).
 */
export function checkTopLevelKeys(data: Record<string, unknown>, text: string, file: string, problems: Diagnostic[]): void {
  const keys = Object.keys(data);
  // An empty `metrics: []` drops nothing.
  const semantic = keys.filter((k) => SEMANTIC.includes(k) && !isEmpty(data[k]));
  if (semantic.length) {
    problems.push({
      code: 'TSDBT_UNSUPPORTED_RESOURCE', severity: 'warning', file, line: keyLine(text, semantic[0]!), hint: SEMANTIC_HINT,
      message: `Ignored ${semantic.map((k) => `'${k}' (${count(data[k])})`).join(', ')}: tsdbt does not support dbt Semantic Layer resources`,
    });
  }
  if (!isEmpty(data.data_tests)) {
    problems.push({
      code: 'TSDBT_UNSUPPORTED_RESOURCE', severity: 'warning', file, line: keyLine(text, 'data_tests'),
      message: `Ignored 'data_tests' (${count(data.data_tests)}): tsdbt does not apply property YAML to singular data tests yet`,
      hint: "Set a singular test's config with {{ config(...) }} in its .sql file.",
    });
  }
  for (const key of keys) {
    if (READ.has(key) || SEMANTIC.includes(key) || key === 'data_tests') continue;
    problems.push({
      code: 'TSDBT_UNKNOWN_PROPERTY_KEY', severity: 'warning', file, line: keyLine(text, key),
      message: `Unexpected top-level key ${key} in file \`${file}\``,
      hint: `A property file reads ${[...READ].join(', ')}; this key is ignored.`,
    });
  }
}
