import type { SourceConfig } from '../config/types.js';
import type { Source } from './source.js';

/** Opens the configured source; each driver loads only when its source type is used. */
export async function openSource(config: SourceConfig, parallelism: number): Promise<Source> {
  if (config.type === 'duckdb') {
    const { DuckDbSource } = await import('./duckdb/duckdb-source.js');
    return DuckDbSource.open(config);
  }
  const { MssqlSource } = await import('./mssql/mssql-source.js');
  return MssqlSource.connect(config, parallelism + 1);
}
