import { DuckDBTimestampValue } from './duckdb-api.js';

/** `YYYY-MM-DD HH:MM:SS` with an optional fraction of 1–9 digits: the text SQL Server's datetime2 cast gives. */
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil), exact for every year. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A parser from canonical timestamp text to DuckDB's TIMESTAMP value, equal to DuckDB's own VARCHAR cast: digits
 * past the microsecond are truncated. Undefined for anything else (other shapes, out-of-range fields), which the
 * caller hands to DuckDB's cast instead. The last text and its value are kept: consecutive rows often repeat one.
 */
export function timestampFromText(): (text: string) => DuckDBTimestampValue | undefined {
  let lastText = '';
  let lastValue: DuckDBTimestampValue | undefined;
  return (text) => {
    if (text === lastText) return lastValue;
    const m = CANONICAL.exec(text);
    let value: DuckDBTimestampValue | undefined;
    if (m) {
      const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
      const monthDays = mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1];
      if (y >= 1 && monthDays !== undefined && d >= 1 && d <= monthDays && h < 24 && mi < 60 && s < 60) {
        const micros = Number(((m[7] ?? '') + '000000').slice(0, 6));
        const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
        value = new DuckDBTimestampValue(BigInt(seconds) * 1000000n + BigInt(micros));
      }
    }
    lastText = text;
    lastValue = value;
    return value;
  };
}
