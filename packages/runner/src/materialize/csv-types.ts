import type { Dialect } from '@tsdbt/core';

/** The types dbt's agate tester tries, in its order: the first one every non-empty value fits wins. */
export type SeedType = 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

const TESTS: [SeedType, RegExp][] = [
  ['integer', /^[-+]?\d+$/u],
  ['number', /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/u],
  ['date', /^\d{4}-\d{2}-\d{2}$/u],
  ['datetime', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/u],
  ['boolean', /^(true|false)$/iu],
];

/** Infer one column's type from its values ('' is NULL and fits every type; an all-empty column is text). */
export function inferSeedType(values: Iterable<string>): SeedType {
  let candidates = TESTS.map(([t]) => t);
  let seen = false;
  for (const v of values) {
    if (v === '') continue;
    seen = true;
    candidates = candidates.filter((t) => TESTS.find(([n]) => n === t)![1].test(v));
    if (!candidates.length) return 'text';
  }
  return seen ? candidates[0]! : 'text';
}

/** The warehouse type for an inferred seed type (dbt: integer, float for decimals, date, timestamp, boolean, text). */
export function seedSqlType(dialect: Dialect, type: SeedType, values: string[]): string {
  switch (type) {
    case 'integer':
      // INTEGER as dbt does, widened when a value would not fit in 32 bits.
      return values.some((v) => v !== '' && Math.abs(Number(v)) > 2147483647) ? dialect.typeName('bigint') : dialect.typeName('int');
    case 'number':
      return dialect.typeName('float');
    case 'date':
      return dialect.typeName('date');
    case 'datetime':
      return dialect.typeName('timestamp');
    case 'boolean':
      return dialect.typeName('boolean');
    default:
      return dialect.typeName('string');
  }
}

/** A CSV cell as the loader sends it: '' is NULL, booleans become booleans, the rest stays text for the DB to cast. */
export function seedValue(type: SeedType, raw: string): unknown {
  if (raw === '') return null;
  if (type === 'boolean') return raw.toLowerCase() === 'true';
  return raw;
}
