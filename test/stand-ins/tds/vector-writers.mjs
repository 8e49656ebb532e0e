// ROW value writers that read a DuckDB result vector directly: integers, floats and decimals from the vector's
// bytes, timestamps from its micros, text from its raw UTF-8 (ASCII goes to UTF-16 without a JS string). Per value
// this avoids a DuckDBValue, a BigInt or a string, which was most of the stand-in's CPU. A column (or a value) the
// fast path does not cover returns undefined / goes through wire-types.mjs's value encoders, exactly as before.
import bindings from '@duckdb/node-bindings';
import { DuckDBTypeId } from '@duckdb/node-api';
import { datetimeTextWriter } from './datetime-text.mjs';
import { scaledIntWriter } from './scaled-int.mjs';

const DAY_MICROS = 86400000000;
const DAYS_0001_TO_1970 = 719162;
const DAYS_1900_TO_1970 = 25567;
const INT_BYTES = { tinyint: 1, smallint: 2, int: 4, bigint: 8 };
const decimalLength = (p) => (p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17);

/**
 * Writers for one chunk: `(w, row) => void` per column, given the wire types and the chunk's vectors. `encoders`
 * are the value encoders (makeEncoder) used where no vector writer applies. `layout` (offsets.mjs's offsetLayout)
 * says which vector each sent column reads and where a datetimeoffset's offsets are; default: vector c, none.
 */
export function chunkWriters(types, encoders, chunk, layout) {
  return types.map((t, c) => {
    const vector = chunk.getColumnVector(layout ? layout.at[c] : c);
    const offsetAt = layout?.offsetAt[c];
    if (offsetAt !== undefined) {
      // A datetimeoffset with its hidden offset column: the value encoder writes both.
      const offsets = chunk.getColumnVector(offsetAt);
      return (w, i) => encoders[c](w, vector.getItem(i), offsets.getItem(i));
    }
    const fallback = (w, i) => encoders[c](w, vector.getItem(i));
    return vectorWriter(t, vector, fallback) ?? fallback;
  });
}

/** The vector's bytes and a validity test, or undefined when the vector does not expose them. */
function raw(vector) {
  const data = vector.items ?? vector.dataView;
  if (!data || !ArrayBuffer.isView(data)) return undefined;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const mask = vector.validity?.data;
  const bits = mask ? new Uint8Array(mask.buffer, mask.byteOffset, mask.byteLength) : undefined;
  const offset = vector.validity?.offset ?? 0;
  if (offset !== 0) return undefined;
  const valid = bits ? (i) => ((bits[i >> 3] >> (i & 7)) & 1) === 1 : () => true;
  return { bytes, valid, view: new DataView(data.buffer, data.byteOffset, data.byteLength) };
}

function vectorWriter(t, vector, fallback) {
  const r = raw(vector);
  if (!r) return undefined;
  const id = vector.type?.typeId;
  const n = t.name;
  if (t.datetime2Text !== undefined) return id === DuckDBTypeId.TIMESTAMP ? datetimeTextWriter(r, t, fallback) : undefined;
  if (t.scaledBy !== undefined) {
    return id === DuckDBTypeId.DECIMAL && vector.type.scale === t.scaledBy ? scaledIntWriter(r, storageBytes(vector.type.width)) : undefined;
  }
  if (INT_BYTES[n]) return integerWriter(r, id, INT_BYTES[n]);
  if (n === 'float' && id === DuckDBTypeId.DOUBLE) return fixedWriter(r, 8, 8);
  if (n === 'real' && id === DuckDBTypeId.FLOAT) return fixedWriter(r, 4, 4);
  if ((n === 'decimal' || n === 'numeric') && id === DuckDBTypeId.DECIMAL && vector.type.scale === t.scale && vector.type.width <= t.precision) {
    return decimalWriter(r, storageBytes(vector.type.width), decimalLength(t.precision));
  }
  if ((n === 'datetime2' || n === 'datetimeoffset' || n === 'datetime') && id === DuckDBTypeId.TIMESTAMP) return timestampWriter(r, n, fallback);
  if (n === 'date' && id === DuckDBTypeId.DATE) return dateWriter(r);
  if (id === DuckDBTypeId.VARCHAR && isUnicodeText(n)) return textWriter(r, t, vector, fallback);
  return undefined;
}

const storageBytes = (width) => (width <= 4 ? 2 : width <= 9 ? 4 : width <= 18 ? 8 : 16);
const isUnicodeText = (n) => !['varchar', 'char', 'text', 'varbinary', 'binary', 'image', 'geography', 'geometry', 'hierarchyid', 'uniqueidentifier', 'bit'].includes(n);

/** INTN: the vector's integer width must equal the wire width (as sqlTypeForDuck maps them), else no fast path. */
function integerWriter(r, id, len) {
  const width = { [DuckDBTypeId.UTINYINT]: 1, [DuckDBTypeId.SMALLINT]: 2, [DuckDBTypeId.INTEGER]: 4, [DuckDBTypeId.BIGINT]: 8 }[id];
  if (width !== len) return undefined;
  return fixedWriter(r, len, len);
}

/** A length byte, then the value's `len` little-endian bytes as DuckDB stores them. */
function fixedWriter({ bytes, valid }, stride, len) {
  return (w, i) => {
    w.ensure(len + 1);
    if (!valid(i)) { w.buf[w.pos++] = 0; return; }
    const b = w.buf;
    b[w.pos++] = len;
    for (let k = i * stride, end = k + len; k < end; k++) b[w.pos++] = bytes[k];
  };
}

/** DECIMALN: sign byte, then the magnitude in `wireLen - 1` little-endian bytes (two's complement undone). */
function decimalWriter({ bytes, valid }, stride, wireLen) {
  const mag = wireLen - 1;
  return (w, i) => {
    w.ensure(wireLen + 1);
    const b = w.buf;
    if (!valid(i)) { b[w.pos++] = 0; return; }
    const at = i * stride;
    const negative = (bytes[at + stride - 1] & 0x80) !== 0;
    b[w.pos++] = wireLen;
    b[w.pos++] = negative ? 0 : 1;
    let carry = 1;
    for (let k = 0; k < mag; k++) {
      let v = k < stride ? bytes[at + k] : negative ? 0xff : 0;
      if (negative) { v = (~v & 0xff) + carry; carry = v >> 8; v &= 0xff; }
      b[w.pos++] = v;
    }
  };
}

/** Micros since 1970 as a double: exact within ±2^53 µs (years 1685–2255); outside that, the value encoder. */
function timestampWriter({ view, valid }, n, fallback) {
  return (w, i) => {
    if (!valid(i)) { w.u8(0); return; }
    const hi = view.getInt32(i * 8 + 4, true);
    if (hi > 0x1fffff || hi < -0x200000) { fallback(w, i); return; }
    const micros = hi * 4294967296 + view.getUint32(i * 8, true);
    const days = Math.floor(micros / DAY_MICROS);
    const rest = micros - days * DAY_MICROS;
    w.ensure(11);
    if (n === 'datetime') {
      let ticks = Math.floor((rest * 3 + 5000) / 10000);
      let d = days + DAYS_1900_TO_1970;
      if (ticks >= 25920000) { ticks = 0; d += 1; }
      w.u8(8);
      w.i32(d);
      w.u32(ticks);
      return;
    }
    w.u8(n === 'datetimeoffset' ? 10 : 8);
    w.buf.writeUIntLE(rest * 10, w.pos, 5);
    w.buf.writeUIntLE(days + DAYS_0001_TO_1970, w.pos + 5, 3);
    w.pos += 8;
    if (n === 'datetimeoffset') w.i16(0);
  };
}

function dateWriter({ view, valid }) {
  return (w, i) => {
    if (!valid(i)) { w.u8(0); return; }
    w.ensure(4);
    w.buf[w.pos++] = 3;
    w.buf.writeUIntLE(view.getInt32(i * 4, true) + DAYS_0001_TO_1970, w.pos, 3);
    w.pos += 3;
  };
}

/**
 * NVARCHAR from DuckDB's string records (16 bytes: length, then the text inline up to 12 bytes or a pointer).
 * ASCII text is widened byte by byte; anything else is decoded and written by the value encoder.
 */
function textWriter({ bytes, view, valid }, t, vector, fallback) {
  const plp = !t.length || t.length === -1 || t.length > 4000;
  const maxBytes = plp ? Infinity : t.length * 2;
  return (w, i) => {
    if (!valid(i)) { if (plp) w.plpNull(); else w.u16(0xffff); return; }
    const len = view.getUint32(i * 16, true);
    const src = len <= 12 ? bytes.subarray(i * 16 + 4, i * 16 + 4 + len) : bindings.get_data_from_pointer(view.buffer, view.byteOffset + i * 16 + 8, len);
    if (len * 2 > maxBytes) { fallback(w, i); return; }
    w.ensure(len * 2 + 16);
    const start = w.pos;
    if (plp) {
      w.u32(len * 2);
      w.u32(0);
      if (len) w.u32(len * 2);
    } else w.u16(len * 2);
    const b = w.buf;
    let p = w.pos;
    for (let k = 0; k < len; k++) {
      const c = src[k];
      if (c > 0x7f) { w.pos = start; fallback(w, i); return; }
      b[p++] = c;
      b[p++] = 0;
    }
    w.pos = p;
    if (plp) w.u32(0);
  };
}

