import { md5 } from '../util/hash.js';
import { pyRepr, pyStr } from './py-repr.js';

/**
 * dbt's synthesize_generic_test_names: `<test>_<target>_<flattened args>`; a name of 64+ characters becomes the
 * first 30 characters of `<test>_<target>` plus the md5 of the full name (used for the alias and the file path).
 */
export function genericTestNames(testType: string, targetName: string, args: Record<string, unknown>): { short: string; full: string } {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const v = args[key];
    const parts = v && typeof v === 'object' ? (Array.isArray(v) ? v : Object.values(v)) : [v];
    flat.push(...parts.map(pyStr));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const full = `${identifier}_${unique}`;
  const short = full.length >= 64 ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { short, full };
}

function hashable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hashable);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, hashable((v as Record<string, unknown>)[k])]));
  return pyStr(v);
}

/** The last 10 hex digits of md5(name + repr(test_metadata)), as dbt's unique_id suffix. */
export function genericTestHash(fullName: string, metadata: { name: string; kwargs: Record<string, unknown>; namespace: string | null }): string {
  return md5(fullName + pyRepr(hashable(metadata))).slice(-10);
}
