import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SampleDataError } from './errors.js';

/** The small table that records how a file was made, so `--advance` can continue the same draw. */
export const INFO_TABLE = 'main.tsdbt_sample_info';

export interface SampleInfo { scale: number; seed: number; source: 'generated' | 'csv'; asOfDay: number }

/** Opens a DuckDB file, runs `work`, and always closes it. */
export async function withDuckDB<T>(path: string, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (cause) {
    throw new SampleDataError('SAMPLE_DB_OPEN_FAILED', `cannot open DuckDB file ${path}: ${(cause as Error).message}`, { cause });
  }
  const conn = await instance.connect();
  try {
    return await work(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Builds a new file next to the target and renames it into place only when complete (no half-written file). */
export async function writeFreshFile(path: string, work: (conn: DuckDBConnection) => Promise<void>): Promise<void> {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.tmp-${process.pid}`;
  rmSync(temp, { force: true });
  rmSync(`${temp}.wal`, { force: true });
  try {
    await withDuckDB(temp, async (conn) => {
      await work(conn);
      await conn.run('CHECKPOINT');
    });
    rmSync(`${target}.wal`, { force: true });
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}.wal`, { force: true });
  }
}

export async function writeInfo(conn: DuckDBConnection, info: SampleInfo): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${INFO_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  for (const [k, v] of Object.entries(info)) {
    await conn.run(`INSERT INTO ${INFO_TABLE} VALUES ('${k}', '${String(v).replace(/'/g, "''")}')`);
  }
}

export async function readInfo(conn: DuckDBConnection, path: string): Promise<SampleInfo> {
  let rows: Record<string, unknown>[];
  try {
    rows = (await conn.runAndReadAll(`SELECT key, value FROM ${INFO_TABLE}`)).getRowObjects();
  } catch (cause) {
    throw new SampleDataError('SAMPLE_NOT_A_SOURCE', `${path} was not written by tsdbt-sample (no ${INFO_TABLE} table)`, { cause });
  }
  const map = new Map(rows.map((r) => [String(r.key), String(r.value)]));
  return {
    scale: Number(map.get('scale') ?? 1), seed: Number(map.get('seed') ?? 42),
    source: map.get('source') === 'csv' ? 'csv' : 'generated', asOfDay: Number(map.get('asOfDay')),
  };
}

export function requireExisting(path: string): void {
  if (!existsSync(path)) throw new SampleDataError('SAMPLE_FILE_NOT_FOUND', `no such source file: ${path}`, { exitCode: 2 });
}
