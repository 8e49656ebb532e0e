import { BOOLEAN, DOUBLE, DuckDBDataChunk, DuckDBTypeId, INTEGER, SMALLINT, TIMESTAMP, TINYINT, VARCHAR } from './duckdb-api.js';
import type { DuckDBAppender, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { appendValue } from './duckdb-values.js';
import { timestampFromText } from './timestamp-text.js';

/** Appends one value to the appender's current row. */
export type ColumnAppender = (value: unknown) => void;

/*
 * One appender per column, chosen once from the table column's type (the type bulkLoad's `LoadColumn.dataType`
 * created it with, as DuckDB reports it), so the hot loop makes one native call per value and no BigInt per
 * integer. A value of the expected JS kind takes the typed call; anything else (text into a number column, a Date,
 * an integer out of the column's range, a fraction into an integer column) takes the generic `appendValue`, which
 * lets DuckDB cast or refuse it exactly as before. DECIMAL and timestamp text goes in as VARCHAR and DuckDB's cast
 * parses it exactly (no double in between, microseconds kept).
 */
export function columnAppender(appender: DuckDBAppender, typeId: DuckDBTypeId): ColumnAppender {
  const generic = (value: unknown): void => appendValue(appender, value);
  const integer = (min: number, max: number, append: (value: number) => void): ColumnAppender => (value) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) append(value);
    else generic(value);
  };
  switch (typeId) {
    case DuckDBTypeId.TINYINT: return integer(-128, 127, (v) => appender.appendTinyInt(v));
    case DuckDBTypeId.SMALLINT: return integer(-32768, 32767, (v) => appender.appendSmallInt(v));
    case DuckDBTypeId.INTEGER: return integer(-2147483648, 2147483647, (v) => appender.appendInteger(v));
    case DuckDBTypeId.BIGINT:
      return (value) => {
        if (typeof value === 'number' && Number.isInteger(value)) {
          // Within int32 the appender widens exactly; beyond it (safe integers or not) a BigInt carries the value.
          if (value >= -2147483648 && value <= 2147483647) appender.appendInteger(value);
          else appender.appendBigInt(BigInt(value));
        } else if (typeof value === 'bigint' && value >= -(2n ** 63n) && value < 2n ** 63n) appender.appendBigInt(value);
        else generic(value);
      };
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return (value) => {
        if (typeof value === 'number') appender.appendDouble(value);
        else generic(value);
      };
    case DuckDBTypeId.BOOLEAN:
      return (value) => {
        if (typeof value === 'boolean') appender.appendBoolean(value);
        else generic(value);
      };
    case DuckDBTypeId.DECIMAL:
      // Integers are exact as integers; text is cast exactly; a fraction as a double goes through `appendValue`.
      return integer(-2147483648, 2147483647, (v) => appender.appendInteger(v));
    default:
      // VARCHAR, timestamps, dates, UUID…: strings as VARCHAR (DuckDB casts them), the rest as before.
      return (value) => {
        if (typeof value === 'string') appender.appendVarchar(value);
        else generic(value);
      };
  }
}

/**
 * How one table column travels in a columnar chunk: the chunk's type and the JS values it takes, as is (`accepts`)
 * or converted (`convert`, undefined when the value must take the row path instead).
 */
interface ChunkColumn {
  type: DuckDBType;
  accepts?: (value: unknown) => boolean;
  convert?: (value: unknown) => DuckDBValue | undefined;
}

const isNumber = (value: unknown): boolean => typeof value === 'number';
const inRange = (min: number, max: number) => (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/*
 * The chunk type per table type. A chunk column whose type differs from the table's (DOUBLE for BIGINT and DECIMAL,
 * VARCHAR for timestamps and dates) is cast by DuckDB in appendDataChunk, as the row appender casts appendDouble or
 * appendVarchar: exact for safe integers into BIGINT, the same double-to-decimal rounding, text parsed exactly.
 */
function chunkColumn(typeId: DuckDBTypeId): ChunkColumn | undefined {
  switch (typeId) {
    case DuckDBTypeId.TINYINT: return { type: TINYINT, accepts: inRange(-128, 127) };
    case DuckDBTypeId.SMALLINT: return { type: SMALLINT, accepts: inRange(-32768, 32767) };
    case DuckDBTypeId.INTEGER: return { type: INTEGER, accepts: inRange(-2147483648, 2147483647) };
    case DuckDBTypeId.BIGINT: return { type: DOUBLE, accepts: (value) => typeof value === 'number' && Number.isSafeInteger(value) };
    case DuckDBTypeId.DOUBLE: return { type: DOUBLE, accepts: isNumber };
    case DuckDBTypeId.DECIMAL: return { type: DOUBLE, accepts: (value) => typeof value === 'number' && Number.isFinite(value) };
    case DuckDBTypeId.BOOLEAN: return { type: BOOLEAN, accepts: (value) => typeof value === 'boolean' };
    case DuckDBTypeId.TIMESTAMP: {
      // Canonical `YYYY-MM-DD HH:MM:SS[.fffffff]` text becomes micros here, as DuckDB's cast would read it (extra
      // digits truncated); a repeated text (order lines share one) reuses its value. Other text: the row path.
      const parse = timestampFromText();
      return { type: TIMESTAMP, convert: (value) => (typeof value === 'string' ? parse(value) : undefined) };
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.DATE:
      return { type: VARCHAR, accepts: (value) => typeof value === 'string' };
    default: return undefined;
  }
}

/** Rows per columnar chunk: DuckDB's vector size. */
const BATCH = 2048;

/**
 * Writes rows through the appender: a batch of up to 2048 rows whose every value is of its column's chunk kind (or
 * null) goes in as one columnar DuckDBDataChunk (numbers written into typed arrays, one native call per column);
 * any other batch goes row by row through `columnAppender`, so every value keeps the row path's meaning. Rows keep
 * their order (a data chunk after row-by-row rows flushes those first).
 */
export class RowWriter {
  private readonly chunkColumns: (ChunkColumn | undefined)[];
  private readonly rowAppenders: ColumnAppender[];
  private readonly columnar: boolean;
  /** Rows appended one by one since the last flush: they wait in the appender's own chunk, which a data chunk skips. */
  private pendingRows = false;
  /**
   * One chunk, reset per batch: a fresh chunk per batch leaves its native memory to the garbage collector, which
   * does not see it, so RSS grew with the row count.
   */
  private chunk: DuckDBDataChunk | undefined;

  constructor(private readonly appender: DuckDBAppender, typeIds: DuckDBTypeId[]) {
    this.chunkColumns = typeIds.map(chunkColumn);
    this.rowAppenders = typeIds.map((t) => columnAppender(appender, t));
    this.columnar = typeIds.length > 0 && this.chunkColumns.every((c) => c !== undefined);
  }

  write(rows: unknown[][]): void {
    for (let start = 0; start < rows.length; start += BATCH) this.writeBatch(rows, start, Math.min(rows.length, start + BATCH));
  }

  private writeBatch(rows: unknown[][], start: number, end: number): void {
    const width = this.rowAppenders.length;
    if (this.columnar) {
      const columns: DuckDBValue[][] = [];
      let clean = true;
      for (let c = 0; c < width && clean; c++) {
        const { accepts, convert } = this.chunkColumns[c]!;
        const values = new Array<DuckDBValue>(end - start);
        for (let r = start; r < end; r++) {
          const value = rows[r]![c];
          const converted = value === null || value === undefined ? null : convert ? convert(value) : accepts!(value) ? (value as DuckDBValue) : undefined;
          if (converted === undefined) {
            clean = false;
            break;
          }
          values[r - start] = converted;
        }
        columns.push(values);
      }
      if (clean) {
        // Keep the rows in order: rows appended one by one go first.
        if (this.pendingRows) {
          this.appender.flushSync();
          this.pendingRows = false;
        }
        const chunk = (this.chunk ??= DuckDBDataChunk.create(this.chunkColumns.map((c) => c!.type)));
        chunk.reset();
        chunk.setColumns(columns);
        this.appender.appendDataChunk(chunk);
        return;
      }
    }
    const append = this.rowAppenders;
    this.pendingRows = true;
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      for (let c = 0; c < width; c++) append[c]!(row[c]);
      this.appender.endRow();
    }
  }
}
