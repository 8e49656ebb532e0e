import type { DuckDBConnection } from '@duckdb/node-api';

export interface SqlServerColumn { name: string; type: string; nullable?: boolean; pk?: boolean }
export function ensureCatalog(conn: DuckDBConnection): Promise<void>;
export function createSqlServerTable(conn: DuckDBConnection, schema: string, table: string, columns: SqlServerColumn[]): Promise<void>;
export function declareColumns(conn: DuckDBConnection, schema: string, table: string, columns: SqlServerColumn[]): Promise<void>;
export function refreshCatalog(conn: DuckDBConnection): Promise<void>;
