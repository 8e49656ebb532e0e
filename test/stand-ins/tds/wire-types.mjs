// TYPE_INFO and value encoders for the SQL Server types the stand-in reports (MS-TDS 2.2.5.4-2.2.5.5).
// Values arrive as @duckdb/node-api DuckDBValues (exact decimals, micros, days), so nothing passes through floats.
import { COLLATION } from './tokens.mjs';
import { timestampValueText } from './datetime-text.mjs';
import { overflow } from './scaled-int.mjs';

const DAYS_0001_TO_1970 = 719162n;
const DAYS_1900_TO_1970 = 25567n;
const DAY_MICROS = 86400000000n;
const INT_LEN = { tinyint: 1, smallint: 2, int: 4, bigint: 8 };

/** Writes the TYPE_INFO of column type `t` (after the u32 user type and u16 flags). */
export function writeTypeInfo(w, t) {
  const n = t.name;
  if (INT_LEN[n]) { w.u8(0x26); w.u8(INT_LEN[n]); return; }
  if (n === 'bit') { w.u8(0x68); w.u8(1); return; }
  if (n === 'float' || n === 'real') { w.u8(0x6d); w.u8(n === 'float' ? 8 : 4); return; }
  if (n === 'decimal' || n === 'numeric') { w.u8(n === 'decimal' ? 0x6a : 0x6c); w.u8(decimalLength(t.precision)); w.u8(t.precision); w.u8(t.scale); return; }
  if (n === 'money' || n === 'smallmoney') { w.u8(0x6e); w.u8(n === 'money' ? 8 : 4); return; }
  if (n === 'date') { w.u8(0x28); return; }
  if (n === 'time' || n === 'datetime2' || n === 'datetimeoffset') { w.u8({ time: 0x29, datetime2: 0x2a, datetimeoffset: 0x2b }[n]); w.u8(7); return; }
  if (n === 'datetime' || n === 'smalldatetime') { w.u8(0x6f); w.u8(n === 'datetime' ? 8 : 4); return; }
  if (n === 'uniqueidentifier') { w.u8(0x24); w.u8(16); return; }
  if (isBinary(n)) { w.u8(0xa5); w.u16(t.length === -1 || t.length === undefined ? 0xffff : t.length); return; }
  if (n === 'varchar' || n === 'char' || n === 'text') { w.u8(0xa7); w.u16(t.length === -1 ? 0xffff : t.length); w.bytes(COLLATION); return; }
  // nvarchar, nchar, xml (as nvarchar(max)), sysname and anything textual.
  w.u8(0xe7);
  w.u16(!t.length || t.length === -1 || t.length > 4000 ? 0xffff : t.length * 2);
  w.bytes(COLLATION);
}

const isBinary = (n) => ['varbinary', 'binary', 'image', 'geography', 'geometry', 'hierarchyid'].includes(n);
const decimalLength = (p) => (p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17);

/** Returns (w, value) => void writing one ROW value of type `t`; null becomes the type's null marker. */
export function makeEncoder(t) {
  const n = t.name;
  if (t.scaledBy !== undefined) return nullable(0, (w, v) => writeScaledInt(w, scaled(v, t.scaledBy)));
  if (INT_LEN[n]) return nullable(0, (w, v) => { w.u8(INT_LEN[n]); writeInt(w, v, INT_LEN[n]); });
  if (n === 'bit') return nullable(0, (w, v) => { w.u8(1); w.u8(v ? 1 : 0); });
  if (n === 'float') return nullable(0, (w, v) => { w.u8(8); w.f64(Number(v)); });
  if (n === 'real') return nullable(0, (w, v) => { w.u8(4); w.f32(Number(v)); });
  if (n === 'decimal' || n === 'numeric') return nullable(0, (w, v) => writeDecimal(w, scaled(v, t.scale), decimalLength(t.precision)));
  if (n === 'money') return nullable(0, (w, v) => { const x = scaled(v, 4); w.u8(8); w.i32(Number(BigInt.asIntN(32, x >> 32n))); w.u32(Number(BigInt.asUintN(32, x))); });
  if (n === 'smallmoney') return nullable(0, (w, v) => { w.u8(4); w.i32(Number(scaled(v, 4))); });
  if (n === 'date') return nullable(0, (w, v) => { w.u8(3); w.uintN(BigInt(v.days) + DAYS_0001_TO_1970, 3); });
  if (n === 'time') return nullable(0, (w, v) => { w.u8(5); w.uintN(BigInt(v.micros) * 10n, 5); });
  if (n === 'datetime2') return nullable(0, (w, v) => writeDateTime2(w, v.micros, false));
  // A datetimeoffset's writer also takes the row's offset in minutes (its hidden column; absent: +00:00).
  if (n === 'datetimeoffset') return (w, v, offset) => (v === null || v === undefined ? w.u8(0) : writeDateTime2(w, v.micros, true, Number(offset ?? 0)));
  if (n === 'datetime') return nullable(0, (w, v) => writeDateTime(w, v.micros));
  if (n === 'smalldatetime') return nullable(0, (w, v) => writeSmallDateTime(w, v.micros));
  if (n === 'uniqueidentifier') return nullable(0, (w, v) => { w.u8(16); w.bytes(guidBytes(String(v))); });
  if (isBinary(n)) return varLength(t, (v) => Buffer.from(v.bytes ?? v));
  // A datetime2 sent as SQL Server's text of it (datetime-text.mjs): the value is DuckDB's TIMESTAMP.
  if (t.datetime2Text !== undefined) return varLength(t, (v) => Buffer.from(timestampValueText(v, t.datetime2Text, t.fromDatetime === true), 'utf16le'));
  if (n === 'varchar' || n === 'char' || n === 'text') return varLength(t, (v) => Buffer.from(String(v), 'latin1'));
  const plp = !t.length || t.length === -1 || t.length > 4000;
  return varLength({ length: plp ? -1 : t.length }, (v) => Buffer.from(String(v), 'utf16le'));
}

function nullable(marker, encode) {
  return (w, v) => (v === null || v === undefined ? w.u8(marker) : encode(w, v));
}

function varLength(t, toBytes) {
  if (t.length === -1 || t.length === undefined) {
    return (w, v) => {
      if (v === null || v === undefined) { w.plpNull(); return; }
      const b = toBytes(v);
      w.u64(b.length);
      if (b.length) { w.u32(b.length); w.bytes(b); }
      w.u32(0);
    };
  }
  return (w, v) => {
    if (v === null || v === undefined) { w.u16(0xffff); return; }
    const b = toBytes(v);
    w.u16(b.length);
    w.bytes(b);
  };
}

/** `CAST(x * 10^k AS int)` answered from x (scaled-int.mjs): the int, or SQL Server's overflow error. */
function writeScaledInt(w, x) {
  if (x < -2147483648n || x > 2147483647n) throw overflow();
  w.u8(4);
  w.i32(Number(x));
}

function writeInt(w, v, len) {
  if (len === 8) w.i64(v);
  else if (len === 4) w.i32(Number(v));
  else if (len === 2) w.i16(Number(v));
  else w.u8(Number(v));
}

/** A value as an integer count of 10^-scale units (DuckDB decimals carry their own scale). */
function scaled(v, scale) {
  if (typeof v === 'object' && typeof v.value === 'bigint') {
    const diff = scale - v.scale;
    return diff >= 0 ? v.value * 10n ** BigInt(diff) : v.value / 10n ** BigInt(-diff);
  }
  if (typeof v === 'bigint') return v * 10n ** BigInt(scale);
  return BigInt(Math.round(Number(v) * 10 ** scale));
}

function writeDecimal(w, x, len) {
  w.u8(len);
  w.u8(x < 0n ? 0 : 1);
  w.uintN(x < 0n ? -x : x, len - 1);
}

function splitMicros(micros) {
  const m = BigInt(micros);
  let days = m / DAY_MICROS;
  let rest = m % DAY_MICROS;
  if (rest < 0n) { rest += DAY_MICROS; days -= 1n; }
  return { days, rest };
}

/** DATETIME2N / DATETIMEOFFSETN at scale 7: the time and date are UTC; a datetimeoffset adds its offset (i16 minutes). */
function writeDateTime2(w, micros, withOffset, offsetMinutes = 0) {
  const { days, rest } = splitMicros(micros);
  w.u8(withOffset ? 10 : 8);
  w.uintN(rest * 10n, 5);
  w.uintN(days + DAYS_0001_TO_1970, 3);
  if (withOffset) w.i16(offsetMinutes);
}

function writeDateTime(w, micros) {
  const { days, rest } = splitMicros(micros);
  let ticks = (rest * 3n + 5000n) / 10000n;
  let d = days + DAYS_1900_TO_1970;
  if (ticks >= 25920000n) { ticks = 0n; d += 1n; }
  w.u8(8);
  w.i32(Number(d));
  w.u32(Number(ticks));
}

function writeSmallDateTime(w, micros) {
  const { days, rest } = splitMicros(micros);
  w.u8(4);
  w.u16(Number(days + DAYS_1900_TO_1970));
  w.u16(Number(rest / 60000000n));
}

/** SQL Server stores a GUID's first three groups little-endian. */
export function guidBytes(text) {
  const hex = text.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  return Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)]);
}
