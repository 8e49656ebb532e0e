import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll } from 'vitest';

/** A fresh temp folder removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs read-only queries against a source file and returns rows as JSON-friendly objects. */
export async function query(path: string, ...sql: string[]): Promise<Record<string, unknown>[][]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const out: Record<string, unknown>[][] = [];
    for (const q of sql) out.push((await conn.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[]);
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function scalar(path: string, sql: string): Promise<unknown> {
  const [rows] = await query(path, sql);
  return Object.values(rows?.[0] ?? {})[0];
}

/** One fingerprint per table: every row hashed, order-independent. */
export const FINGERPRINT_SQL = (table: string): string => `SELECT '${table}' AS t, count(*) AS n, sum(hash(x))::VARCHAR AS h FROM ${table} x`;
