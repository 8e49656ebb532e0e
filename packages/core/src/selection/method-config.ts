import { badSpec } from './parse-spec.js';
import type { MethodContext } from './types.js';

/**
 * `config.<key>[.<nested>…]:value`. A list matches when it contains the value; `true`/`false` match booleans;
 * `severity` compares without case, as in dbt. Numbers compare by their text (dbt would never match them).
 */
export function* configMethod(ctx: MethodContext, value: string, args: string[]): Iterable<string> {
  if (args.length === 0) {
    throw badSpec(`The config method needs a key: config.<key>:${value}`, { exitCode: 2 }, 'For example config.materialized:table');
  }
  const wanted = args.length === 1 && args[0] === 'severity' ? value.toLowerCase() : value;
  for (const m of ctx.members) {
    const found = descend((m as { config?: unknown }).config, args);
    if (found.present && matches(found.value, wanted, args[0] === 'severity')) yield m.unique_id;
  }
}

function descend(root: unknown, path: string[]): { present: boolean; value?: unknown } {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in at)) return { present: false };
    at = (at as Record<string, unknown>)[key];
  }
  return { present: true, value: at };
}

function matches(value: unknown, wanted: string, caseless: boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => scalarMatches(v, wanted, caseless));
  return scalarMatches(value, wanted, caseless);
}

function scalarMatches(value: unknown, wanted: string, caseless: boolean): boolean {
  if (typeof value === 'string') return (caseless ? value.toLowerCase() : value) === wanted;
  if (typeof value === 'boolean') return wanted.toLowerCase() === String(value);
  if (typeof value === 'number') return String(value) === wanted;
  return false;
}
