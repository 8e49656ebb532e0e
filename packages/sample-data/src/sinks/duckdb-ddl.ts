import { duckdbType } from '../tables.js';
import type { TableDef } from '../tables.js';

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const qualified = (t: TableDef): string => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

/** CREATE TABLE for the embedded source file: SQL Server types mapped to DuckDB's, names kept as they are. */
export function createTableSql(t: TableDef): string {
  const cols = t.columns.map((c) => `${quoteIdent(c.name)} ${duckdbType(c.type)}${c.nullable ? '' : ' NOT NULL'}`);
  cols.push(`PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(', ')})`);
  return `CREATE TABLE ${qualified(t)} (\n  ${cols.join(',\n  ')}\n)`;
}
