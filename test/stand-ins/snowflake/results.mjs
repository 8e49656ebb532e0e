// Snowflake result shapes (rowtype + rowset) built from DuckDB readers or JS rows.
import { rowtypeFor, encodeCell } from './encode.mjs';

export const q = (name) => `"${String(name).replace(/"/g, '""')}"`;

export function emptyReader() {
  return { rowsChanged: 0, columnNames: () => [], columnTypes: () => [], getRows: () => [] };
}

/** Positional bindings `{ "1": {type, value} }` → rows of DuckDB parameter values (several rows for array binds). */
export function encodeReader(reader, statementTypeId = 0x1000) {
  const names = reader.columnNames();
  const rowtype = reader.columnTypes().map((t, i) => rowtypeFor(names[i], t));
  const rowset = reader.getRows().map((row) => row.map((v, i) => encodeCell(v, rowtype[i])));
  return { rowtype, rowset, statementTypeId };
}

const DML_COLUMNS = { 0x3100: 'number of rows inserted', 0x3200: 'number of rows updated', 0x3300: 'number of rows deleted', 0x3400: 'number of rows inserted' };

export function dmlResult(statementTypeId, count) {
  const name = DML_COLUMNS[statementTypeId] ?? 'number of rows affected';
  return { rowtype: [{ name, type: 'fixed', precision: 19, scale: 0, nullable: false }], rowset: [[String(count)]], statementTypeId };
}

export function statusResult(message, statementTypeId = 0x6000) {
  return { rowtype: [{ name: 'status', type: 'text', length: 16777216, nullable: true }], rowset: [[message]], statementTypeId };
}

/** A result from JS rows with declared Snowflake column types (for SHOW/DESCRIBE/COPY answers). */
export function tableResult(columns, rows, statementTypeId = 0x1000) {
  const rowtype = columns.map(([name, type]) => ({ name, type, nullable: true, precision: type === 'fixed' ? 38 : null, scale: type === 'fixed' ? 0 : null, length: type === 'text' ? 16777216 : null }));
  const rowset = rows.map((r) => r.map((v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v))));
  return { rowtype, rowset, statementTypeId };
}
