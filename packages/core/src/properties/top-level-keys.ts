import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** What dbt-core's SchemaParser reads at the top of a property file, and `version`. */
const READ = new Set(['version', 'models', 'seeds', 'snapshots', 'sources', 'macros', 'analyses', 'exposures', 'groups', 'unit_tests']);

/** dbt Semantic Layer resources: dbt parses them into manifest.json, tsdbt does not yet. */
const SEMANTIC = ['semantic_models', 'metrics', 'saved_queries'];

const SEMANTIC_HINT = 'tsdbt does not build the dbt Semantic Layer yet; these entries are not in manifest.json';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line of a top-level key in the file's text (block style: the key starts its line). */
function keyLine(text: string, key: string): number | undefined {
  const at = new RegExp(`^["']?${esc(key)}["']?[ \\t]*:`, 'm').exec(text);
  return at ? text.slice(0, at.index).split('\n').length : undefined;
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
