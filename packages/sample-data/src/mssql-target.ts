import sql from 'mssql';
import { SampleDataError } from './errors.js';
import { generate } from './generate/generate.js';
import type { SampleOptions } from './options.js';
import type { RunResult } from './run-result.js';
import { bracket, mssqlCreateTable, mssqlName } from './sinks/mssql-ddl.js';
import { MssqlSink } from './sinks/mssql-sink.js';
import { TABLES } from './tables.js';

/**
 * `--mssql CONN`: (re)creates the tables with AdventureWorks' SQL Server types (unless `--existing-tables`) and fills
 * them with multi-row INSERTs, each table in one transaction. Only plain T-SQL: every SQL Server and the TDS test
 * stand-in are filled the same way. `--advance` on SQL Server is not supported: advance an embedded file instead.
 */
export async function runMssql(connection: string, o: SampleOptions): Promise<RunResult> {
  if (o.advance !== undefined) {
    throw new SampleDataError('SAMPLE_NOT_SUPPORTED', '--advance works on an --out file, not on --mssql', { exitCode: 2 });
  }
  let pool: sql.ConnectionPool;
  try {
    const config = sql.ConnectionPool.parseConnectionString(connection);
    // One connection per table's open transaction, and one for the rest.
    config.pool = { ...config.pool, max: Math.max(config.pool?.max ?? 0, TABLES.length + 2) };
    pool = await new sql.ConnectionPool(config).connect();
  } catch (cause) {
    throw new SampleDataError('SAMPLE_MSSQL_CONNECT_FAILED', `cannot connect to SQL Server: ${(cause as Error).message}`, { cause });
  }
  let sink: MssqlSink | undefined;
  try {
    if (!o.existingTables) await recreateTables(pool);
    sink = new MssqlSink(pool, TABLES, { replaceRows: o.existingTables === true });
    await sink.begin();
    await generate(sink, { scale: o.scale, seed: o.seed });
    await sink.commit();
    const rows: Record<string, number> = {};
    for (const t of TABLES) {
      const r = await pool.request().query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${mssqlName(t)}`);
      rows[`${t.schema}.${t.name}`] = Number(r.recordset[0]?.n ?? 0);
    }
    return { target: 'SQL Server', action: 'generated', rows };
  } catch (cause) {
    await sink?.rollback();
    if (cause instanceof SampleDataError) throw cause;
    throw new SampleDataError('SAMPLE_MSSQL_FAILED', `filling SQL Server failed (no table was left half filled): ${(cause as Error).message}`, { cause });
  } finally {
    await pool.close();
  }
}

/** Drops the generator's tables where they exist and creates them again, schemas first. */
async function recreateTables(pool: sql.ConnectionPool): Promise<void> {
  const existing = await pool.request().query<{ s: string; t: string }>(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'`);
  const tables = new Set(existing.recordset.map((r) => `${r.s}.${r.t}`.toLowerCase()));
  const schemas = await pool.request().query<{ s: string }>('SELECT SCHEMA_NAME AS s FROM INFORMATION_SCHEMA.SCHEMATA');
  const haveSchemas = new Set(schemas.recordset.map((r) => r.s.toLowerCase()));
  for (const schema of new Set(TABLES.map((t) => t.schema))) {
    // CREATE SCHEMA must be alone in its batch.
    if (!haveSchemas.has(schema.toLowerCase())) await pool.request().batch(`CREATE SCHEMA ${bracket(schema)}`);
  }
  for (const t of TABLES) {
    if (tables.has(`${t.schema}.${t.name}`.toLowerCase())) await pool.request().batch(`DROP TABLE ${mssqlName(t)}`);
    await pool.request().batch(mssqlCreateTable(t));
  }
}
