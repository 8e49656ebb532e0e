import { md5 } from '../util/hash.js';
import { sortStrings } from '../util/sort-strings.js';
import { pyRepr, pyStr } from './py-repr.js';

const NOT_WORD = /[^0-9a-zA-Z_]+/g;

/**
 * dbt's synthesize_generic_test_names: `<test>_<target>_<flattened args>`; a name of 64+ characters becomes the
 * first 30 characters of `<test>_<target>` plus the md5 of the full name (used for the alias and the file path).
 * Written with plain loops: this runs for every generic test (20,000 in the benchmark project).
 */
export function genericTestNames(testType: string, targetName: string, args: Record<string, unknown>): { short: string; full: string } {
  let unique = '';
  let first = true;
  const add = (part: unknown) => {
    const flat = pyStr(part).replace(NOT_WORD, '_');
    unique = first ? flat : `${unique}__${flat}`;
    first = false;
  };
  for (const key of sortStrings(Object.keys(args))) {
    if (key === 'model') continue;
    const v = args[key];
    if (v && typeof v === 'object') {
      if (Array.isArray(v)) for (const part of v) add(part);
      else for (const k in v) if (Object.hasOwn(v, k)) add((v as Record<string, unknown>)[k]);
    } else add(v);
  }
  const identifier = `${testType}_${targetName}`;
  const full = `${identifier}_${unique}`;
  const short = full.length >= 64 ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { short, full };
}

const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 4294967295;

/** Sorted keys in the order a JS object built from them lists them: array-index keys first, numerically. */
function objectOrder(keys: string[]): string[] {
  const sorted = sortStrings(keys);
  if (!sorted.some(isIndex)) return sorted;
  return [...sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...sorted.filter((k) => !isIndex(k))];
}

/**
 * repr() of the value with every mapping's keys sorted and every leaf turned to str() first, written directly rather
 * than through a sorted copy (every generic test is hashed at parse: 20,000 in the benchmark project).
 */
function hashableRepr(v: unknown): string {
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ', ' : '') + hashableRepr(v[i]);
    return `${out}]`;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = objectOrder(Object.keys(o));
    let out = '{';
    for (let i = 0; i < keys.length; i++) out += `${i ? ', ' : ''}${pyRepr(keys[i])}: ${hashableRepr(o[keys[i]!])}`;
    return `${out}}`;
  }
  return pyRepr(pyStr(v));
}

/** The last 10 hex digits of md5(name + repr(test_metadata)), as dbt's unique_id suffix. */
export function genericTestHash(fullName: string, metadata: { name: string; kwargs: Record<string, unknown>; namespace: string | null }): string {
  return md5(fullName + hashableRepr(metadata)).slice(-10);
}
