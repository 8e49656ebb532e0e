import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tempDir } from '../../temp-dirs.js';

export interface FixtureProject {
  dir: string;
  warehouse: string;
  writeIngest(config: Record<string, unknown>): void;
}

/** A throwaway project: dbt_project.yml, a profiles.yml whose default target is a DuckDB file, and ingest.yml. */
export function makeProject(name = 'ingest'): FixtureProject {
  // Removed after the file's tests: a test worker is ended without its `exit` handlers running.
  const dir = tempDir(`tsdbt-${name}-`);
  mkdirSync(join(dir, 'models'));
  const warehouse = join(dir, 'warehouse.duckdb');
  writeFileSync(join(dir, 'dbt_project.yml'), stringify({ name: 'sales', version: '1.0.0', profile: 'sales', 'config-version': 2 }));
  writeFileSync(join(dir, 'profiles.yml'), stringify({ sales: { target: 'dev', outputs: { dev: { type: 'duckdb', path: warehouse, schema: 'main', threads: 2 } } } }));
  return {
    dir,
    warehouse,
    writeIngest: (config) => writeFileSync(join(dir, 'ingest.yml'), stringify(config)),
  };
}

/** The source block for the TDS stand-in on `port`. */
export function mssqlSource(port: number, password = 'Passw0rd!'): Record<string, unknown> {
  return { type: 'mssql', server: '127.0.0.1', port, database: 'AdventureWorks2019', user: 'sa', password, encrypt: false, connection_timeout: 5000 };
}
