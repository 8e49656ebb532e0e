// DuckDB result columns → Snowflake `rowtype` entries and JSON-rowset cell strings (the encodings snowflake-sdk
// decodes: fixed as decimal text, date as epoch days, timestamps as epoch seconds with fraction, binary as hex).
import { DuckDBTypeId } from '@duckdb/node-api';

const INT_IDS = new Set([DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
const TIMESTAMP_IDS = new Set([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]);

/** Snowflake's rowtype for a DuckDB column type. */
export function rowtypeFor(name, type) {
  const base = { name, database: '', schema: '', table: '', nullable: true, byteLength: null, length: null, precision: null, scale: null, collation: null };
  const id = type.typeId;
  if (INT_IDS.has(id)) return { ...base, type: 'fixed', precision: 38, scale: 0 };
  if (id === DuckDBTypeId.DECIMAL) return { ...base, type: 'fixed', precision: type.width, scale: type.scale };
  if (id === DuckDBTypeId.FLOAT || id === DuckDBTypeId.DOUBLE) return { ...base, type: 'real' };
  if (id === DuckDBTypeId.BOOLEAN) return { ...base, type: 'boolean' };
  if (id === DuckDBTypeId.DATE) return { ...base, type: 'date' };
  if (id === DuckDBTypeId.TIME) return { ...base, type: 'time', scale: 9 };
  if (TIMESTAMP_IDS.has(id)) return { ...base, type: 'timestamp_ntz', scale: 9 };
  if (id === DuckDBTypeId.TIMESTAMP_TZ) return { ...base, type: 'timestamp_tz', scale: 9 };
  if (id === DuckDBTypeId.BLOB) return { ...base, type: 'binary', length: 8388608, byteLength: 8388608 };
  if (id === DuckDBTypeId.STRUCT || id === DuckDBTypeId.MAP) return { ...base, type: 'object' };
  if (id === DuckDBTypeId.LIST || id === DuckDBTypeId.ARRAY) return { ...base, type: 'array' };
  if (type.alias === 'JSON') return { ...base, type: 'variant' };
  return { ...base, type: 'text', length: 16777216, byteLength: 16777216 };
}

/** Microseconds as `seconds.fraction` (9 digits), exactly, for any sign. */
function microsToSeconds(micros) {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const secs = abs / 1000000n;
  const frac = (abs % 1000000n).toString().padStart(6, '0') + '000';
  if (!neg) return `${secs}.${frac}`;
  // Negative instants: floor the seconds so the fraction stays positive, as Snowflake encodes them.
  if (abs % 1000000n === 0n) return `-${secs}.000000000`;
  const borrow = 1000000n - (abs % 1000000n);
  return `-${secs + 1n}.${borrow.toString().padStart(6, '0')}000`;
}

function toJsonValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJsonValue);
  if ('items' in v && Array.isArray(v.items)) return v.items.map(toJsonValue);
  if ('entries' in v && typeof v.entries === 'object') {
    const out = {};
    for (const [k, val] of Object.entries(v.entries)) out[k] = toJsonValue(val);
    return out;
  }
  return String(v);
}

/** Encode one DuckDB value for a cell of the given Snowflake rowtype. */
export function encodeCell(value, rowtype) {
  if (value === null || value === undefined) return null;
  switch (rowtype.type) {
    case 'fixed': return typeof value === 'object' ? value.toString() : String(value);
    case 'real': return Number.isNaN(value) ? 'NaN' : String(value);
    case 'boolean': return value ? '1' : '0';
    case 'date': return String(value.days);
    case 'time': return microsToSeconds(value.micros);
    case 'timestamp_ntz': return microsToSeconds(toMicros(value));
    case 'timestamp_tz': return `${microsToSeconds(value.micros)} 1440`;
    case 'binary': return Buffer.from(value.bytes).toString('hex').toUpperCase();
    case 'object': case 'array': return JSON.stringify(toJsonValue(value));
    default: return typeof value === 'string' ? value : String(value);
  }
}

function toMicros(value) {
  if ('micros' in value) return value.micros;
  if ('millis' in value) return value.millis * 1000n;
  if ('seconds' in value) return value.seconds * 1000000n;
  if ('nanos' in value) return value.nanos / 1000n;
  return 0n;
}

/** The Snowflake type text DESCRIBE/SHOW COLUMNS report for a DuckDB column type string. */
export function snowflakeTypeText(duckType) {
  const t = duckType.toUpperCase();
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return `NUMBER(${dec[1]},${dec[2]})`;
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return 'NUMBER(38,0)';
  if (t === 'DOUBLE' || t === 'FLOAT') return 'FLOAT';
  if (t.startsWith('VARCHAR')) return 'VARCHAR(16777216)';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t === 'DATE') return 'DATE';
  if (t === 'TIME') return 'TIME(9)';
  if (t.startsWith('TIMESTAMP WITH TIME ZONE') || t === 'TIMESTAMPTZ') return 'TIMESTAMP_TZ(9)';
  if (t.startsWith('TIMESTAMP')) return 'TIMESTAMP_NTZ(9)';
  if (t === 'BLOB') return 'BINARY(8388608)';
  if (t === 'JSON') return 'VARIANT';
  if (t.startsWith('STRUCT') || t.startsWith('MAP')) return 'OBJECT';
  if (t.endsWith(']')) return 'ARRAY';
  return 'VARCHAR(16777216)';
}
