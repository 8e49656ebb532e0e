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

const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 4294967295;

/** Sorted keys in the order a JS object built from them lists them: array-index keys first, numerically. */
function objectOrder(keys: string[]): string[] {
  const sorted = keys.sort();
  if (!sorted.some(isIndex)) return sorted;
  return [...sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...sorted.filter((k) => !isIndex(k))];
}

/**
 * repr() of the value with every mapping's keys sorted and every leaf turned to str() first, written directly rather
 * than through a sorted copy (every generic test is hashed at parse: 20,000 in the benchmark project).
 */
function hashableRepr(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(hashableRepr).join(', ')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${objectOrder(Object.keys(o)).map((k) => `${pyRepr(k)}: ${hashableRepr(o[k])}`).join(', ')}}`;
  }
  return pyRepr(pyStr(v));
}

/** The last 10 hex digits of md5(name + repr(test_metadata)), as dbt's unique_id suffix. */
export function genericTestHash(fullName: string, metadata: { name: string; kwargs: Record<string, unknown>; namespace: string | null }): string {
  return md5(fullName + hashableRepr(metadata)).slice(-10);
}
