/** The parsed, frozen ingest configuration (`ingest.yml`). Names follow dlt where dlt has one. */
export type WriteDisposition = 'replace' | 'append' | 'merge';
export type SchemaContract = 'evolve' | 'freeze' | 'discard_row' | 'discard_value';

export interface MssqlSourceConfig {
  type: 'mssql';
  server: string;
  port: number;
  database: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  packetSize: number;
}

export interface DuckDbSourceConfig {
  type: 'duckdb';
  /** Absolute path of the embedded source file. */
  path: string;
}

export type SourceConfig = MssqlSourceConfig | DuckDbSourceConfig;

export interface TableSpec {
  /** `Schema.Table`, or undefined when `schema` selects a whole source schema. */
  name?: string;
  schema?: string;
  /** Destination table name (default: the naming convention applied to the source table name). */
  destinationName?: string;
  writeDisposition: WriteDisposition;
  primaryKey: string[];
  cursor?: string;
  initialValue?: string | number;
  /** Re-read window below the stored cursor: seconds for date/time cursors, units for numeric ones. */
  lag: number;
  include?: string[];
  exclude: string[];
  schemaContract: SchemaContract;
  /** 1-based line in ingest.yml, for messages. */
  line?: number;
}

export interface IngestConfig {
  /** ingest.yml path relative to the project, for messages. */
  file: string;
  projectDir: string;
  source: SourceConfig;
  destination: { profile?: string; target?: string; schema: string };
  naming: 'snake_case' | 'direct';
  parallelism: number;
  chunkSize: number;
  retries: { attempts: number; backoffMs: number };
  tables: TableSpec[];
}
