import type { SourceTable } from '../../schema/logical-type.js';

export const bracket = (id: string): string => `[${id.replace(/]/g, ']]')}]`;

/** Significant digits tedious decodes exactly: it turns DECIMAL into a double. */
const EXACT_DIGITS = 15;

/**
 * The SELECT list for a read and how to put each row back together. `picks[i]` is the result column holding
 * column i's value and, for split decimals, the result column holding it when the first is NULL (-1: none).
 */
export interface SelectPlan {
  select: string[];
  picks: Array<[number, number]>;
}

/**
 * How each column travels from SQL Server, chosen for what tedious decodes cheaply while staying exact:
 * - Wide DECIMAL/MONEY (precision > 15) is split in two: values with at most 15 significant digits come as
 *   DECIMAL(15,s), which tedious decodes into a double that rounds back to the same DECIMAL(p,s) exactly; the rare
 *   larger value comes as its exact text in a second column (NULL otherwise). The cast back happens in the
 *   destination. NVARCHAR, not VARCHAR: tedious decodes UTF-16 natively, while single-byte text goes through iconv.
 * - Timestamps (datetime, datetime2, smalldatetime) other than the cursor and its keys come as `yyyy-mm-dd
 *   hh:mi:ss.fffffff` text: no Date per value, and no truncation of datetime2 to milliseconds.
 * - The offset companion of a DATETIMEOFFSET column (`X_offset_minutes`) is `DATEPART(TZOFFSET, X)`: minutes east of
 *   UTC, an int. tedious turns the DATETIMEOFFSET itself into a Date, the instant, and drops the offset.
 * Typed columns (the cursor and its keys, compared and stored as values) keep one column each.
 */
export function selectPlan(table: SourceTable, columns: string[], typed: Set<string>): SelectPlan {
  const select: string[] = [];
  const picks: Array<[number, number]> = [];
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name);
    const t = column?.logical;
    const col = bracket(name);
    picks.push([select.length, -1]);
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
      // |value| < 10^(15-s) ⇔ at most 15 significant digits at scale s. Integer literals: compared exactly.
      const bound = `1${'0'.repeat(EXACT_DIGITS - t.scale)}`;
      const fits = `${col} > -${bound} AND ${col} < ${bound}`;
      select.push(`CASE WHEN ${fits} THEN CAST(${col} AS decimal(${EXACT_DIGITS},${t.scale})) END AS ${col}`);
      picks[picks.length - 1]![1] = select.length;
      select.push(`CASE WHEN NOT (${fits}) THEN ${text} END AS ${bracket(`${name} (text)`)}`);
    } else select.push(col);
  }
  return { select, picks };
}

/** Builds the row for `columns` from tedious's column values, joining split decimals. */
export function rowBuilder(picks: Array<[number, number]>): (values: Array<{ value: unknown }>) => unknown[] {
  const n = picks.length;
  const first = picks.map((p) => p[0]);
  const second = picks.map((p) => p[1]);
  return (values) => {
    const row = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v = values[first[i]!]!.value;
      const alt = second[i]!;
      row[i] = v === null && alt >= 0 ? values[alt]!.value : v;
    }
    return row;
  };
}
