import type { SourceTable } from '../../schema/logical-type.js';

export const bracket = (id: string): string => `[${id.replace(/]/g, ']]')}]`;

/** Significant digits tedious decodes exactly: it turns DECIMAL into a double. */
const EXACT_DIGITS = 15;

/** Where column i's value comes from: result columns in order of preference (the first non-NULL wins). */
export interface ColumnPick {
  at: number[];
  /** The first result column carries value × divisor as an int (a split decimal); 1: the value itself. */
  divisor: number;
}

/** The SELECT list for a read and how to put each row back together. */
export interface SelectPlan {
  select: string[];
  picks: ColumnPick[];
}

/** The largest magnitude (exclusive) of a DECIMAL(p,s) whose value × 10^s fits an int. */
const INT_LIMIT = 2147483648;

/**
 * How each column travels from SQL Server, chosen for what tedious decodes cheaply while staying exact:
 * - Wide DECIMAL/MONEY (precision > 15) is split in three. A value whose × 10^s fits an int comes as that int (tedious
 *   reads an int with half the work of a decimal); one with at most 15 significant digits as DECIMAL(15,s); the rare
 *   larger value as its exact text. The int divided by 10^s is the double tedious makes of the DECIMAL(15,s) (one
 *   correctly rounded division of the same exact integer), and that double rounds back to the same DECIMAL(p,s): the
 *   destination's cast gives the same digits. NVARCHAR, not VARCHAR: tedious decodes UTF-16 natively, while
 *   single-byte text goes through iconv.
 * - Timestamps (datetime, datetime2, smalldatetime) other than the cursor and its keys come as `yyyy-mm-dd
 *   hh:mi:ss.fffffff` text: no Date per value, and no truncation of datetime2 to milliseconds.
 * - The offset companion of a DATETIMEOFFSET column (`X_offset_minutes`) is `DATEPART(TZOFFSET, X)`: minutes east of
 *   UTC, an int. tedious turns the DATETIMEOFFSET itself into a Date, the instant, and drops the offset.
 * Typed columns (the cursor and its keys, compared and stored as values) keep one column each.
 */
export function selectPlan(table: SourceTable, columns: string[], typed: Set<string>): SelectPlan {
  const select: string[] = [];
  const picks: ColumnPick[] = [];
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name);
    const t = column?.logical;
    const col = bracket(name);
    const pick: ColumnPick = { at: [select.length], divisor: 1 };
    picks.push(pick);
    if (column?.offsetOf !== undefined) {
      select.push(`DATEPART(TZOFFSET, ${bracket(column.offsetOf)}) AS ${col}`);
    } else if (t?.kind === 'timestamp' && !typed.has(name)) {
      select.push(`CAST(CAST(${col} AS datetime2(7)) AS nvarchar(27)) AS ${col}`);
    } else if (t?.kind === 'decimal' && t.precision > EXACT_DIGITS) {
      const text = `CAST(CAST(${col} AS decimal(${t.precision},${t.scale})) AS nvarchar(48))`;
      if (typed.has(name) || t.scale >= EXACT_DIGITS) {
        select.push(`${text} AS ${col}`);
        continue;
      }
      // Exact decimal literals as bounds: |value| < 2^31 / 10^s ⇔ value × 10^s fits an int; |value| < 10^(15-s) ⇔
      // at most 15 significant digits at scale s.
      const within = (bound: string) => `${col} > -${bound} AND ${col} < ${bound}`;
      const int = within(decimalLiteral(INT_LIMIT, t.scale));
      const exact = within(`1${'0'.repeat(EXACT_DIGITS - t.scale)}`);
      pick.divisor = 10 ** t.scale;
      select.push(`CASE WHEN ${int} THEN CAST(${col} * ${pick.divisor} AS int) END AS ${col}`);
      pick.at.push(select.length, select.length + 1);
      select.push(`CASE WHEN NOT (${int}) AND ${exact} THEN CAST(${col} AS decimal(${EXACT_DIGITS},${t.scale})) END AS ${bracket(`${name} (decimal)`)}`);
      select.push(`CASE WHEN NOT (${exact}) THEN ${text} END AS ${bracket(`${name} (text)`)}`);
    } else select.push(col);
  }
  return { select, picks };
}

/** `n / 10^scale` as an exact decimal literal (n a positive integer). */
function decimalLiteral(n: number, scale: number): string {
  if (scale === 0) return String(n);
  const digits = String(n).padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Builds the row for `columns` from tedious's column values, joining split decimals. */
export function rowBuilder(picks: ColumnPick[]): (values: Array<{ value: unknown }>) => unknown[] {
  const n = picks.length;
  const first = picks.map((p) => p.at[0]!);
  const split = picks.map((p) => (p.at.length > 1 ? p : undefined));
  return (values) => {
    const row = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v = values[first[i]!]!.value;
      const s = split[i];
      row[i] = s === undefined ? v : v !== null ? (v as number) / s.divisor : rest(values, s.at);
    }
    return row;
  };
}

/** The first non-NULL of a split column's other result columns (NULL when the value is NULL). */
function rest(values: Array<{ value: unknown }>, at: number[]): unknown {
  for (let k = 1; k < at.length; k++) {
    const v = values[at[k]!]!.value;
    if (v !== null) return v;
  }
  return null;
}
