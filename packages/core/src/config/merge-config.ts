import type { Hook } from '../manifest/types.js';

/** Keys whose values are mappings: in a project tree a mapping under these names is config, not a folder. */
export const DICT_CONFIGS = new Set([
  'meta', 'quoting', 'persist_docs', 'docs', 'grants', 'column_types', 'contract', 'freshness', 'labels', 'partition_by',
  'snapshot_meta_column_names', 'unit_test', 'access',
]);
/** Configs that accumulate across levels instead of replacing (dbt's "clobber" vs "append" vs "update"). */
const APPEND = new Set(['tags', 'pre_hook', 'post_hook', 'packages']);
const UPDATE = new Set(['meta', 'quoting', 'persist_docs', 'docs', 'grants', 'column_types', 'contract']);

/** `+pre-hook` / `pre-hook` / `pre_hook` all mean the same config. */
export function normalizeKey(key: string): string {
  const k = key.startsWith('+') ? key.slice(1) : key;
  if (k === 'pre-hook') return 'pre_hook';
  if (k === 'post-hook') return 'post_hook';
  if (k === 'tests') return 'data_tests';
  return k;
}

function toList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function toHooks(v: unknown): Hook[] {
  // An empty list is already its own normal form (and this config's own copy: mergeInto appends into new lists).
  if (Array.isArray(v) && v.length === 0) return v as Hook[];
  return toList(v).map((h, index) =>
    typeof h === 'object' && h !== null && 'sql' in h
      ? { sql: String((h as Hook).sql), transaction: (h as Hook).transaction !== false, index }
      : { sql: String(h), transaction: true, index },
  );
}

/** A new list: `base` then `more`, without repeats when `distinct` (first occurrences kept, as a Set keeps them). */
function appended(base: unknown[], more: unknown[], distinct: boolean): unknown[] {
  // concat sizes the list exactly: configs of 30,000 nodes each keep their tags.
  const all = base.concat(more);
  if (!distinct || all.length < 2) return all;
  if (all.length > 16) return [...new Set(all)];
  const seen = (x: unknown, before: number) => {
    for (let j = 0; j < before; j++) if (all[j] === x || (x !== x && all[j] !== all[j])) return true;
    return false;
  };
  for (let i = 1; i < all.length; i++) if (seen(all[i], i)) return all.filter((x, k) => !seen(x, k));
  return all;
}

/** Merges `next` over `base` as dbt does: tags/hooks append, meta-like mappings update, everything else replaces. */
export function mergeConfig(base: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  return mergeInto({ ...base }, next);
}

/** mergeConfig that updates `out` in place (for a config object the caller just made: one copy per layer less). */
export function mergeInto(out: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  for (const rawKey in next) {
    if (!Object.hasOwn(next, rawKey)) continue;
    const value = next[rawKey];
    const key = normalizeKey(rawKey);
    if (value === undefined) continue;
    if (APPEND.has(key)) out[key] = appended(toList(out[key]), toList(value), key === 'tags' || key === 'packages');
    else if (UPDATE.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = { ...((out[key] as object | undefined) ?? {}), ...value };
    } else out[key] = value;
  }
  return out;
}
