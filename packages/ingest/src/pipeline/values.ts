import type { LogicalType } from '../schema/logical-type.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const ymd = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;

/**
 * Per column, a function from the driver's JS value to what the destination appender takes exactly: Dates as UTC
 * text of the column's kind (never local time), BIGINT text as bigint, everything else unchanged.
 */
export function normalizerFor(t: LogicalType): ((v: unknown) => unknown) | undefined {
  switch (t.kind) {
    case 'timestamp': return (v) => (v instanceof Date ? `${ymd(v)} ${hms(v)}` : v);
    case 'timestamptz': return (v) => (v instanceof Date ? v.toISOString() : v);
    case 'date': return (v) => (v instanceof Date ? ymd(v) : v);
    case 'time': return (v) => (v instanceof Date ? hms(v) : v);
    case 'int64': return (v) => (typeof v === 'string' ? BigInt(v) : v);
    case 'decimal': return t.precision > 15 ? decimalText : undefined;
    default: return undefined;
  }
}

/**
 * Wide decimals arrive as exact text. Up to 15 significant digits a double holds the value exactly enough that the
 * destination's cast back to DECIMAL(p,s) gives the same digits, and a number appends far faster than text the
 * appender must parse; wider values stay text.
 */
function decimalText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const digits = v.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(v) : v;
}

/** JSON that keeps bigint and Date recognisable, for keys and stored cursor values. */
export function encodeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Date) return { $date: v.toISOString() };
  if (v instanceof Uint8Array) return { $hex: Buffer.from(v).toString('hex') };
  return v;
}

export function decodeValue(v: unknown): unknown {
  if (v && typeof v === 'object') {
    const o = v as Record<string, string>;
    if ('$bigint' in o) return BigInt(o.$bigint!);
    if ('$date' in o) return new Date(o.$date!);
    if ('$hex' in o) return Buffer.from(o.$hex!, 'hex');
  }
  return v;
}

/** A stable text key for a row (its primary key values, or all values when it has none). */
export function rowKey(row: unknown[], indexes: number[]): string {
  return JSON.stringify(indexes.map((i) => encodeValue(row[i])));
}

/** Orders cursor values of one column: dates by time, numbers and bigints numerically, text by code units. */
export function compareCursor(a: unknown, b: unknown): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Shows a cursor value to a person. */
export function cursorText(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
