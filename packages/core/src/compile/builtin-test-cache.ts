import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';

/** Stands in for the tested relation while a built-in test renders once per distinct argument set. */
export const MODEL_MARKER = '\u0000tsdbt_model\u0000';

const pureTests = new WeakMap<ParsedProject, Set<string>>();
const outputs = new WeakMap<ParsedProject, Map<string, string>>();
/** The cached SQL cut at each MODEL_MARKER, for peekTestSql. */
const pieces = new WeakMap<ParsedProject, Map<string, string[]>>();

/**
 * dbt's own generic tests (unique, not_null, accepted_values, relationships) print `model` and read nothing else
 * of it, so their SQL for one set of arguments is the same text with a different relation. Only when neither the
 * project nor a package defines any macro of that test (a custom `default__test_unique` could inspect the model).
 */
export function builtinTests(project: ParsedProject): Set<string> {
  let set = pureTests.get(project);
  if (set) return set;
  const owners = new Map<string, Set<string>>();
  for (const m of project.engine.macros()) {
    const test = /^(?:\w+__)?test_(\w+)$/.exec(m.name)?.[1];
    if (test) owners.set(test, (owners.get(test) ?? new Set()).add(m.packageName));
  }
  set = new Set(['unique', 'not_null', 'accepted_values', 'relationships'].filter((t) => [...(owners.get(t) ?? [])].every((p) => p === 'dbt')));
  pureTests.set(project, set);
  return set;
}

/** The cache key for a test's SQL, or undefined when its output may depend on more than its arguments. */
export function builtinTestKey(project: ParsedProject, node: ManifestNode, kwargs: Record<string, unknown>): string | undefined {
  const md = node.test_metadata;
  if (!md || md.namespace || !builtinTests(project).has(md.name) || node.config.where) return undefined;
  const { model: _m, ...rest } = kwargs;
  return testKey(md.name, rest, node);
}

/** The key from a test's name and its arguments but `model` (rendered as renderNode renders them). */
export function testKey(name: string, rest: Record<string, unknown>, node: ManifestNode): string {
  return JSON.stringify([name, rest, node.config.store_failures ?? null]);
}

/** A built-in test's SQL for these arguments if an earlier test rendered it, with `relation` as the model. */
export function peekTestSql(project: ParsedProject, key: string, relation: string): string | undefined {
  let byKey = pieces.get(project);
  if (!byKey) pieces.set(project, (byKey = new Map()));
  let parts = byKey.get(key);
  if (parts === undefined) {
    const sql = outputs.get(project)?.get(key);
    if (sql === undefined) return undefined;
    byKey.set(key, (parts = sql.split(MODEL_MARKER)));
  }
  return parts.join(relation);
}

export function cachedTestSql(project: ParsedProject, key: string, relation: string, render: () => string): string {
  let map = outputs.get(project);
  if (!map) outputs.set(project, (map = new Map()));
  let sql = map.get(key);
  if (sql === undefined) map.set(key, (sql = render()));
  return sql.split(MODEL_MARKER).join(relation);
}
