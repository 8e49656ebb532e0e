import sql from 'mssql';
import { SampleDataError } from './errors.js';
import { generate } from './generate/generate.js';
import type { SampleOptions } from './options.js';
import type { RunResult } from './run.js';
import { mssqlCreateTable, mssqlName } from './sinks/mssql-ddl.js';
import { MssqlSink } from './sinks/mssql-sink.js';
import { TABLES } from './tables.js';

/**
 * `--mssql CONN`: (re)creates the tables with AdventureWorks' SQL Server types and bulk-loads a generated source.
 * `--advance` on SQL Server is not supported: advance an embedded file instead.
 */
export async function runMssql(connection: string, o: SampleOptions): Promise<RunResult> {
  if (o.advance !== undefined) {
    throw new SampleDataError('SAMPLE_NOT_SUPPORTED', '--advance works on an --out file, not on --mssql', { exitCode: 2 });
  }
  let pool: sql.ConnectionPool;
  try {
    pool = await new sql.ConnectionPool(connection).connect();
  } catch (cause) {
    throw new SampleDataError('SAMPLE_MSSQL_CONNECT_FAILED', `cannot connect to SQL Server: ${(cause as Error).message}`, { cause });
  }
  try {
    for (const t of TABLES) await pool.request().batch(mssqlCreateTable(t));
    const sink = new MssqlSink(pool, TABLES);
    await generate(sink, { scale: o.scale, seed: o.seed });
    await sink.flush();
    const rows: Record<string, number> = {};
    for (const t of TABLES) {
      const r = await pool.request().query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${mssqlName(t)}`);
      rows[`${t.schema}.${t.name}`] = r.recordset[0]?.n ?? 0;
    }
    return { target: 'SQL Server', action: 'generated', rows };
  } catch (cause) {
    if (cause instanceof SampleDataError) throw cause;
    throw new SampleDataError('SAMPLE_MSSQL_FAILED', `filling SQL Server failed: ${(cause as Error).message}`, { cause });
  } finally {
    await pool.close();
  }
}
