// `CAST(CAST(x AS datetime2(p)) AS nvarchar(n)) AS y`: SQL Server's text of a datetime2, `yyyy-mm-dd hh:mi:ss`
// plus p fractional digits. DuckDB's own VARCHAR cast differs (it drops a zero fraction) and costs a cast plus a
// string copy per row, so the stand-in reads the TIMESTAMP and writes SQL Server's text itself.
const DAY_MICROS = 86400000000;
const NAME = String.raw`\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[A-Za-z_]\w*`;
const CAST_TEXT = new RegExp(String.raw`CAST\(\s*CAST\(\s*(${NAME})\s+AS\s+datetime2\s*\(\s*(\d)\s*\)\s*\)\s+AS\s+nvarchar\s*\(\s*(\d+)\s*\)\s*\)\s+AS\s+(${NAME})`, 'gi');

const unquote = (name) => (/^[["]/.test(name) ? name.slice(1, -1).replace(/\]\]|""/g, (m) => m[0]) : name);

/**
 * Finds the datetime2-as-text casts of a T-SQL statement whose target is long enough for the whole text, and
 * returns the statement with each replaced by the datetime2 cast alone, plus the wire type of each such result
 * column by lower-cased name: `{ name: 'nvarchar', length, datetime2Text: p, source }` (source: the cast column).
 * The query runner adds `fromDatetime: true` when the source is a declared `datetime` column (see datetime2Text).
 */
export function datetimeTextCasts(tsql) {
  const columns = new Map();
  const text = tsql.replace(CAST_TEXT, (whole, source, p, n, alias) => {
    const precision = Number(p);
    const length = Number(n);
    // DuckDB keeps microseconds: datetime2(6) and (7) text is exact; fewer digits would need SQL Server's rounding.
    if (precision < 6 || precision > 7 || length < textLength(precision) || length > 4000) return whole;
    columns.set(unquote(alias).toLowerCase(), { name: 'nvarchar', length, datetime2Text: precision, source: unquote(source) });
    return `CAST(${source} AS datetime2(${precision})) AS ${alias}`;
  });
  return { text, columns };
}

const textLength = (precision) => 20 + precision;

const TICKS_PER_DAY = 25920000;

/**
 * SQL Server's text of a datetime2(p), p ≥ 6, from days since 1970-01-01 and microseconds into the day.
 * `fromDatetime`: the value is a `datetime` column's. SQL Server stores those in 1/300 s ticks (so .003, .007, .010 as
 * shown by datetime itself) and, since SQL Server 2016 (compatibility level 130 and up), converts a tick to datetime2
 * exactly: tick 1 is .0033333, tick 2 .0066667, not .0030000. DuckDB keeps the microseconds the test inserted, so
 * they are first rounded to the tick SQL Server would have stored, as the DATETIMN encoder does.
 */
export function datetime2Text(days, micros, precision, fromDatetime = false) {
  if (fromDatetime) return datetimeAsDatetime2Text(days, micros, precision);
  const { y, m, d } = civilFromDays(days);
  const seconds = Math.floor(micros / 1000000);
  const h = Math.floor(seconds / 3600);
  const mi = Math.floor(seconds / 60) % 60;
  const text = `${String(y).padStart(4, '0')}-${two(m)}-${two(d)} ${two(h)}:${two(mi)}:${two(seconds % 60)}`;
  return `${text}.${(String(micros % 1000000).padStart(6, '0') + '0').slice(0, precision)}`;
}

function datetimeAsDatetime2Text(days, micros, precision) {
  let ticks = Math.floor((micros * 3 + 5000) / 10000);
  if (ticks >= TICKS_PER_DAY) { ticks = 0; days += 1; }
  const inSecond = ticks % 300;
  // round(inSecond / 300 s) in units of 10^-precision s: 299 ticks is .9966667 at most, so no carry into the second.
  const unit = 10 ** precision;
  const fraction = Math.floor((inSecond * unit * 2 + 300) / 600);
  const text = datetime2Text(days, Math.floor(ticks / 300) * 1000000, precision);
  return `${text.slice(0, -precision)}${String(fraction).padStart(precision, '0')}`;
}

const two = (n) => (n < 10 ? `0${n}` : String(n));

/** Proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's civil_from_days). */
function civilFromDays(z) {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The text of a DuckDB TIMESTAMP value (its micros a bigint), for the value encoder. */
export function timestampValueText(value, precision, fromDatetime = false) {
  const micros = BigInt(value.micros);
  const day = BigInt(DAY_MICROS);
  let days = micros / day;
  let rest = micros % day;
  if (rest < 0n) { rest += day; days -= 1n; }
  return datetime2Text(Number(days), Number(rest), precision, fromDatetime);
}

/**
 * The ROW writer of such a column from the TIMESTAMP vector: the UTF-16 bytes of the last instant are kept, since
 * consecutive rows often share one (an order's lines). Instants beyond ±2^53 µs go to `fallback`.
 */
export function datetimeTextWriter({ view, valid }, t, fallback) {
  let lastHi = NaN;
  let lastLo = NaN;
  let last = Buffer.alloc(0);
  return (w, i) => {
    if (!valid(i)) { w.u16(0xffff); return; }
    const hi = view.getInt32(i * 8 + 4, true);
    const lo = view.getUint32(i * 8, true);
    if (hi !== lastHi || lo !== lastLo) {
      if (hi > 0x1fffff || hi < -0x200000) { fallback(w, i); return; }
      const micros = hi * 4294967296 + lo;
      const days = Math.floor(micros / DAY_MICROS);
      last = Buffer.from(datetime2Text(days, micros - days * DAY_MICROS, t.datetime2Text, t.fromDatetime === true), 'utf16le');
      lastHi = hi;
      lastLo = lo;
    }
    w.ensure(last.length + 2);
    w.buf.writeUInt16LE(last.length, w.pos);
    w.buf.set(last, w.pos + 2);
    w.pos += last.length + 2;
  };
}
