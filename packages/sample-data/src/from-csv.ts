import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeFreshFile, writeInfo } from './duckdb-file.js';
import { SampleDataError } from './errors.js';
import { countRows } from './count-rows.js';
import type { RunResult } from './run-result.js';
import { createTableSql, qualified, quoteIdent } from './sinks/duckdb-ddl.js';
import { TABLES, duckdbType } from './tables.js';
import type { TableDef } from './tables.js';

/** Tables a real AdventureWorks export lacks; created empty (real AdventureWorks records no returns). */
const EXTENSIONS = new Set(['Sales.SalesOrderReturn']);

/**
 * Loads `<Schema>.<Table>.csv` files (real AdventureWorks rows) into a new embedded source with the same tables
 * and types the generator writes. Extra CSV columns are ignored; columns the CSV lacks are NULL.
 */
export async function loadCsvFolder(dir: string, out: string): Promise<RunResult> {
  const folder = resolve(dir);
  if (!existsSync(folder)) throw new SampleDataError('SAMPLE_CSV_DIR_NOT_FOUND', `no such folder: ${dir}`, { exitCode: 2 });
  const missing = TABLES.filter((t) => !EXTENSIONS.has(key(t)) && !existsSync(csvPath(folder, t))).map(key);
  if (missing.length > 0) {
    throw new SampleDataError('SAMPLE_CSV_MISSING', `${dir} lacks ${missing.map((m) => `${m}.csv`).join(', ')}`, { exitCode: 2 });
  }
  await writeFreshFile(out, async (conn) => {
    for (const schema of new Set(TABLES.map((t) => t.schema))) await conn.run(`CREATE SCHEMA ${quoteIdent(schema)}`);
    for (const t of TABLES) {
      await conn.run(createTableSql(t));
      if (!EXTENSIONS.has(key(t))) await loadTable(conn, t, csvPath(folder, t));
    }
    const maxDay = await conn.runAndReadAll(
      `SELECT (epoch(max("OrderDate")) / 86400)::INTEGER AS d FROM ${qualified(TABLES.find((t) => t.name === 'SalesOrderHeader')!)}`,
    );
    await writeInfo(conn, { scale: 1, seed: 0, source: 'csv', asOfDay: Number(maxDay.getRowObjects()[0]?.d ?? 0) });
  });
  return { target: out, action: 'loaded', rows: await countRows(out) };
}

const key = (t: TableDef): string => `${t.schema}.${t.name}`;
const csvPath = (folder: string, t: TableDef): string => join(folder, `${key(t)}.csv`);
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function loadTable(conn: DuckDBConnection, t: TableDef, path: string): Promise<void> {
  const reader = `read_csv(${literal(path)}, header = true, all_varchar = true, quote = '"', escape = '"', parallel = false)`;
  let header: Set<string>;
  try {
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`);
    header = new Set(described.getRowObjects().map((r) => String(r.column_name)));
  } catch (cause) {
    throw new SampleDataError('SAMPLE_CSV_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const select = t.columns.map((c) => {
    const type = duckdbType(c.type);
    if (!header.has(c.name)) return `NULL::${type}`;
    const col = quoteIdent(c.name);
    // The export cannot tell NULL from '': an empty field is NULL where the column allows it.
    if (type === 'VARCHAR') return c.nullable ? `NULLIF(${col}, '')` : `coalesce(${col}, '')`;
    return `CAST(NULLIF(trim(${col}), '') AS ${type})`;
  });
  try {
    await conn.run(`INSERT INTO ${qualified(t)} SELECT ${select.join(', ')} FROM ${reader}`);
  } catch (cause) {
    throw new SampleDataError('SAMPLE_CSV_BAD_ROW', `cannot load ${path} into ${key(t)}: ${(cause as Error).message}`, { cause });
  }
}
