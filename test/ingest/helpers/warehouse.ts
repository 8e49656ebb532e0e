import { DuckDBInstance } from '@duckdb/node-api';

/** Reads the destination DuckDB file after a load (opened and closed per call so the loader can reopen it). */
export async function queryWarehouse(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
