import { withDuckDB } from './duckdb-file.js';
import { TABLES } from './tables.js';
import { qualified } from './sinks/duckdb-ddl.js';

/** Row counts per `Schema.Table` of a source file. */
export async function countRows(path: string): Promise<Record<string, number>> {
  return withDuckDB(path, async (conn) => {
    const sql = TABLES.map((t) => `SELECT '${t.schema}.${t.name}' AS t, count(*)::INTEGER AS n FROM ${qualified(t)}`).join(' UNION ALL ');
    const rows = (await conn.runAndReadAll(sql)).getRowObjects();
    return Object.fromEntries(rows.map((r) => [String(r.t), Number(r.n)]));
  });
}
