import type { Column } from 'snowflake-sdk';
import type { ColumnInfo } from '@tsdbt/core';

/** The warehouse's type text for a result column, e.g. `NUMBER(38,0)`, `VARCHAR`, `TIMESTAMP_NTZ`. */
export function columnInfo(c: Column): ColumnInfo {
  const t = c.getType().toUpperCase();
  const dataType = t === 'FIXED' ? `NUMBER(${c.getPrecision()},${c.getScale()})` : t === 'REAL' ? 'FLOAT' : t === 'TEXT' ? 'VARCHAR' : t;
  return { name: c.getName(), dataType, nullable: c.isNullable() };
}

/**
 * Driver values → plain JS: numbers (fetched as text) as number, integers beyond 2^53 as bigint, dates/timestamps as `Date`, everything else as given.
 * The driver's Date objects carry extra methods; a fresh Date keeps results comparable across adapters.
 */
export function plainValue(v: unknown, c: Column): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return new Date(v.getTime());
  if (Buffer.isBuffer(v)) return Buffer.from(v);
  const t = c.getType().toUpperCase();
  if ((t === 'FIXED' || t === 'REAL') && typeof v === 'string') {
    // With fetchAsString the driver spells a NULL number as the text 'NULL'.
    if (v === 'NULL') return null;
    const n = Number(v);
    if (Number.isNaN(n) && v !== 'NaN') return v;
    return t === 'FIXED' && /^-?\d+$/u.test(v) && !Number.isSafeInteger(n) ? BigInt(v) : n;
  }
  return v;
}
