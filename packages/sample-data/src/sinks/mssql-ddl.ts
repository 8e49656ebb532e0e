import type { TableDef } from '../tables.js';

export const bracket = (name: string): string => `[${name.replace(/]/g, ']]')}]`;
export const mssqlName = (t: TableDef): string => `${bracket(t.schema)}.${bracket(t.name)}`;

/**
 * CREATE TABLE with AdventureWorks' SQL Server types and primary key (computed columns as plain columns). Plain
 * T-SQL every SQL Server version runs; existence checks go through INFORMATION_SCHEMA (see mssql-target.ts).
 */
export function mssqlCreateTable(t: TableDef): string {
  const cols = t.columns.map((c) => `${bracket(c.name)} ${c.type}${c.nullable ? ' NULL' : ' NOT NULL'}`);
  cols.push(`CONSTRAINT ${bracket(`PK_${t.name}`)} PRIMARY KEY (${t.primaryKey.map(bracket).join(', ')})`);
  return `CREATE TABLE ${mssqlName(t)} (\n  ${cols.join(',\n  ')}\n)`;
}
