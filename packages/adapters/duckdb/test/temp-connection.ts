import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { duckDbAdapter } from '../src/duckdb-adapter.js';
import type { DuckDbConnection } from '../src/duckdb-connection.js';

/** A connection to a fresh DuckDB file in a temp folder for the enclosing describe block; removed afterwards. */
export function tempConnection(name: string): { readonly conn: DuckDbConnection; dir: string; config: ReturnType<typeof duckDbAdapter.parseConfig> } {
  const dir = mkdtempSync(join(tmpdir(), `tsdbt-duckdb-${name}-`));
  const config = duckDbAdapter.parseConfig({ type: 'duckdb', path: `${name}.duckdb` }, 'dev', { projectDir: dir });
  let conn: DuckDbConnection | undefined;
  beforeAll(async () => {
    conn = (await duckDbAdapter.connect(config)) as DuckDbConnection;
  });
  afterAll(async () => {
    await conn?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, config, get conn() { return conn!; } };
}
