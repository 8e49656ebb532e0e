import type { LogicalType } from '../schema/logical-type.js';

/** `00`–`99`: two-digit parts without a padStart per part (these run once per value of every row). */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const year = (d: Date): string => { const y = d.getUTCFullYear(); return y >= 0 && y < 1000 ? String(y).padStart(4, '0') : String(y); };
const millis = (ms: number): string => (ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms));
const ymd = (d: Date): string => `${year(d)}-${TWO[d.getUTCMonth() + 1]}-${TWO[d.getUTCDate()]}`;
const hms = (d: Date): string => `${TWO[d.getUTCHours()]}:${TWO[d.getUTCMinutes()]}:${TWO[d.getUTCSeconds()]}.${millis(d.getUTCMilliseconds())}`;

/**
 * Per column, a function from the driver's JS value to what the destination appender takes exactly: Dates as UTC
 * text of the column's kind (never local time), BIGINT text as bigint, everything else unchanged.
 */
export function normalizerFor(t: LogicalType): ((v: unknown) => unknown) | undefined {
  switch (t.kind) {
    case 'timestamp': return timestampText();
    case 'timestamptz': return (v) => (v instanceof Date ? v.toISOString() : v);
    case 'date': return (v) => (v instanceof Date ? ymd(v) : v);
    case 'time': return (v) => (v instanceof Date ? hms(v) : v);
    case 'int64': return (v) => (typeof v === 'string' ? BigInt(v) : v);
    case 'decimal': return t.precision > 15 ? decimalText : undefined;
    default: return undefined;
  }
}

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` in UTC. Timestamps repeat from row to row (an order's lines share one), so the last
 * value's text is kept and reused when the next one is the same instant.
 */
function timestampText(): (v: unknown) => unknown {
  let lastTime = NaN;
  let lastText = '';
  return (v) => {
    if (!(v instanceof Date)) return v;
    const t = v.getTime();
    if (t !== lastTime) {
      lastTime = t;
      lastText = `${ymd(v)} ${hms(v)}`;
    }
    return lastText;
  };
}

/**
 * Wide decimals arrive as exact text. Up to 15 significant digits a double holds the value exactly enough that the
 * destination's cast back to DECIMAL(p,s) gives the same digits, and a number appends far faster than text the
 * appender must parse; wider values stay text.
 */
export function decimalText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return significantDigits(v) <= 15 ? Number(v) : v;
}

/** Digits from the first non-zero one to the last non-zero one, the point not counted (`-0.0500` → 1). */
function significantDigits(text: string): number {
  let first = -1;
  let last = -1;
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dot = i;
    else if (c >= 49 && c <= 57) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return 0;
  return last - first + 1 - (dot > first && dot < last ? 1 : 0);
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

const INTEGER = /^-?\d+$/u;

/** Orders cursor values of one column: dates by time, numbers and bigints numerically, text by code units. */
export function compareCursor(a: unknown, b: unknown): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  // A BIGINT cursor arrives from tedious as text, and states saved before it was converted hold text too:
  // "9" must stay below "10".
  if (typeof a === 'bigint' && typeof b === 'string' && INTEGER.test(b)) b = BigInt(b);
  if (typeof b === 'bigint' && typeof a === 'string' && INTEGER.test(a)) a = BigInt(a);
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
