// SQL Server's catalog as ingest reads it: INFORMATION_SCHEMA.{TABLES,COLUMNS,TABLE_CONSTRAINTS,KEY_COLUMN_USAGE},
// rebuilt from DuckDB's catalog plus a side table of declared SQL Server types (money, datetimeoffset, user types)
// that DuckDB's own types cannot express.
import { OFFSET_PREFIX, offsetColumn } from './offsets.mjs';
import { duckTypeFor, parseSqlType, sqlTypeForDuck } from './sql-types.mjs';

const q = (id) => `"${String(id).replace(/"/g, '""')}"`;
const lit = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

export async function ensureCatalog(conn) {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS tds_catalog;
    CREATE TABLE IF NOT EXISTS tds_catalog.declared_types (table_schema VARCHAR, table_name VARCHAR, column_name VARCHAR,
      type_text VARCHAR, is_pk BOOLEAN, pk_ordinal INTEGER)`);
}

/**
 * Creates a table as SQL Server would declare it: `columns` = [{ name, type: 'money' | 'Name' | 'nvarchar(50)' ...,
 * nullable, pk }]. DuckDB stores it in the nearest type; the declared type is kept for what the server reports.
 */
export async function createSqlServerTable(conn, schema, table, columns) {
  await ensureCatalog(conn);
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
  const defs = columns.map((c) => `${q(c.name)} ${duckTypeFor(parseSqlType(c.type))}${c.nullable === false || c.pk ? ' NOT NULL' : ''}`);
  await conn.run(`CREATE TABLE ${q(schema)}.${q(table)} (${defs.join(', ')})`);
  await declareColumns(conn, schema, table, columns);
}

/**
 * Records declared SQL Server types for columns (also for columns added later with ALTER TABLE). A datetimeoffset
 * column gets its hidden offset column (`__tds_offset_<name>` SMALLINT, minutes east of UTC; NULL reads as +00:00).
 */
export async function declareColumns(conn, schema, table, columns) {
  await ensureCatalog(conn);
  let pkOrdinal = 0;
  for (const c of columns) {
    if (parseSqlType(c.type).name === 'datetimeoffset') {
      await conn.run(`ALTER TABLE ${q(schema)}.${q(table)} ADD COLUMN IF NOT EXISTS ${q(offsetColumn(c.name))} SMALLINT`);
    }
    const pk = c.pk ? ++pkOrdinal : null;
    await conn.run(`DELETE FROM tds_catalog.declared_types WHERE lower(table_schema)=lower(${lit(schema)})
      AND lower(table_name)=lower(${lit(table)}) AND lower(column_name)=lower(${lit(c.name)})`);
    await conn.run(`INSERT INTO tds_catalog.declared_types VALUES (${[schema, table, c.name, c.type].map(lit).join(',')}, ${c.pk ? 'true' : 'false'}, ${lit(pk)})`);
  }
}

/** Declared types of one table, keyed by lower-case column name. */
export async function declaredTypes(conn, schema, table) {
  const reader = await conn.runAndReadAll(`SELECT column_name, type_text FROM tds_catalog.declared_types
    WHERE lower(table_schema)=lower($1) AND lower(table_name)=lower($2)`, [schema, table]);
  return new Map(reader.getRows().map(([name, type]) => [String(name).toLowerCase(), parseSqlType(String(type))]));
}

/** Rebuilds the emulated INFORMATION_SCHEMA tables from DuckDB's catalog and the declared types. */
export async function refreshCatalog(conn) {
  await ensureCatalog(conn);
  // Hidden offset columns are not SQL Server's: left out, and the ordinals of the others close up.
  const cols = await conn.runAndReadAll(`SELECT c.table_catalog, c.table_schema, c.table_name, c.column_name,
      row_number() OVER (PARTITION BY c.table_schema, c.table_name ORDER BY c.ordinal_position), c.is_nullable, c.data_type, d.type_text, d.is_pk, d.pk_ordinal
    FROM information_schema.columns c LEFT JOIN tds_catalog.declared_types d ON lower(d.table_schema)=lower(c.table_schema)
      AND lower(d.table_name)=lower(c.table_name) AND lower(d.column_name)=lower(c.column_name)
    WHERE c.table_schema NOT IN ('tds_catalog', 'information_schema', 'pg_catalog', 'main')
      AND NOT starts_with(lower(c.column_name), '${OFFSET_PREFIX}')
    ORDER BY c.table_schema, c.table_name, c.ordinal_position`);
  const rows = cols.getRows().map((r) => columnRow(r));
  await conn.run(`CREATE OR REPLACE TABLE tds_catalog.columns (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,
    COLUMN_NAME VARCHAR, ORDINAL_POSITION INTEGER, IS_NULLABLE VARCHAR, DATA_TYPE VARCHAR, CHARACTER_MAXIMUM_LENGTH INTEGER,
    NUMERIC_PRECISION TINYINT, NUMERIC_SCALE INTEGER, DATETIME_PRECISION SMALLINT, DOMAIN_NAME VARCHAR, IS_PK BOOLEAN, PK_ORDINAL INTEGER)`);
  if (rows.length) await conn.run(`INSERT INTO tds_catalog.columns VALUES ${rows.map((r) => `(${r.map(lit).join(',')})`).join(',')}`);
  await conn.run(`CREATE OR REPLACE TABLE tds_catalog.tables AS SELECT table_catalog AS TABLE_CATALOG, table_schema AS TABLE_SCHEMA,
      table_name AS TABLE_NAME, CASE table_type WHEN 'VIEW' THEN 'VIEW' ELSE 'BASE TABLE' END AS TABLE_TYPE
    FROM information_schema.tables WHERE table_schema NOT IN ('tds_catalog', 'information_schema', 'pg_catalog', 'main');
    CREATE OR REPLACE TABLE tds_catalog.table_constraints AS SELECT DISTINCT TABLE_CATALOG AS CONSTRAINT_CATALOG,
      TABLE_SCHEMA AS CONSTRAINT_SCHEMA, 'PK_' || TABLE_NAME AS CONSTRAINT_NAME, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,
      'PRIMARY KEY' AS CONSTRAINT_TYPE FROM tds_catalog.columns WHERE IS_PK;
    CREATE OR REPLACE TABLE tds_catalog.key_column_usage AS SELECT TABLE_CATALOG AS CONSTRAINT_CATALOG,
      TABLE_SCHEMA AS CONSTRAINT_SCHEMA, 'PK_' || TABLE_NAME AS CONSTRAINT_NAME, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,
      COLUMN_NAME, PK_ORDINAL AS ORDINAL_POSITION FROM tds_catalog.columns WHERE IS_PK`);
}

function columnRow([catalog, schema, table, column, ordinal, nullable, duckType, declared, isPk, pkOrdinal]) {
  const t = declared ? parseSqlType(String(declared)) : sqlTypeForDuck(String(duckType));
  const numeric = { tinyint: [3, 0], smallint: [5, 0], int: [10, 0], bigint: [19, 0], money: [19, 4], smallmoney: [10, 4] }[t.name];
  const precision = t.precision ?? numeric?.[0] ?? null;
  const scale = t.name === 'decimal' || t.name === 'numeric' || numeric ? (t.scale ?? numeric?.[1] ?? 0) : null;
  const dtPrecision = ['time', 'datetime2', 'datetimeoffset'].includes(t.name) ? t.scale : t.name === 'datetime' ? 3 : t.name === 'date' || t.name === 'smalldatetime' ? 0 : null;
  return [catalog, schema, table, column, Number(ordinal), nullable, t.name, t.length ?? null, precision, scale, dtPrecision,
    t.domain ?? null, Boolean(isPk), pkOrdinal === null ? null : Number(pkOrdinal)];
}
