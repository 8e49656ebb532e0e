/** What ingest reports while it runs; the CLI renders these (bars on a TTY, lines, or JSON). */
export type IngestEvent =
  | { type: 'plan'; loadId: string; tables: PlannedTableInfo[] }
  | { type: 'table_start'; table: string; destination: string }
  | { type: 'table_progress'; table: string; rows: number; rowsPerSecond: number }
  | { type: 'table_retry'; table: string; attempt: number; maxAttempts: number; message: string; delayMs: number }
  | { type: 'table_done'; table: string; result: TableResult }
  | { type: 'table_failed'; table: string; code: string; message: string };

export interface PlannedTableInfo {
  source: string;
  destination: string;
  writeDisposition: string;
  cursor?: string;
  primaryKey: string[];
  schemaContract: string;
  columns: { source: string; sourceType: string; destination: string; destinationType: string }[];
  /** Where the incremental read starts (stored cursor or initial_value), as text. */
  startsAt?: string;
}

export interface TableResult {
  source: string;
  destination: string;
  status: 'loaded' | 'failed';
  rows: number;
  seconds: number;
  attempts: number;
  writeDisposition: string;
  /** Columns added or widened by schema evolution, and rows discarded by the contract. */
  schemaChanges: string[];
  discardedRows: number;
  error?: { code: string; message: string; hint?: string };
}
