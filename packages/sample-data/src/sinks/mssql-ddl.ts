import type { TableDef } from '../tables.js';

export const bracket = (name: string): string => `[${name.replace(/]/g, ']]')}]`;
export const mssqlName = (t: TableDef): string => `${bracket(t.schema)}.${bracket(t.name)}`;

/** Drops and creates a table with AdventureWorks' SQL Server types (computed columns as plain columns). */
export function mssqlCreateTable(t: TableDef): string {
  const cols = t.columns.map((c) => `${bracket(c.name)} ${c.type}${c.nullable ? ' NULL' : ' NOT NULL'}`);
  cols.push(`CONSTRAINT ${bracket(`PK_${t.name}`)} PRIMARY KEY (${t.primaryKey.map(bracket).join(', ')})`);
  return [
    `IF SCHEMA_ID(N'${t.schema}') IS NULL EXEC(N'CREATE SCHEMA ${bracket(t.schema)}');`,
    `IF OBJECT_ID(N'${t.schema}.${t.name}', N'U') IS NOT NULL DROP TABLE ${mssqlName(t)};`,
    `CREATE TABLE ${mssqlName(t)} (\n  ${cols.join(',\n  ')}\n);`,
  ].join('\n');
}
