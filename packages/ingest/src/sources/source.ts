import type { SourceTable } from '../schema/logical-type.js';

/** A row filter pushed down to the source: `cursor >= value`. */
export interface CursorFilter {
  column: string;
  /** Typed as the cursor column's values are (Date for date/time cursors on SQL Server, numbers, strings). */
  value: unknown;
  /** Re-read window below `value` (seconds for date/time cursors, units for numbers); 0 = none. */
  lag: number;
}

export interface ReadRequest {
  table: SourceTable;
  /** Source column names to read, in order. */
  columns: string[];
  filter?: CursorFilter;
  chunkSize: number;
  /**
   * Columns whose values must keep their driver type (the cursor and the keys it de-duplicates on, whose values are
   * compared and stored). A source may read the others in a cheaper exact form, e.g. timestamps as text.
   */
  typed?: string[];
}

/** A database ingest reads from. Rows come back as arrays in `columns` order, in chunks, never all at once. */
export interface Source {
  readonly kind: string;
  /** A DuckDB file a DuckDB destination may attach and copy from directly (the embedded source). */
  readonly attachPath?: string;
  /** Tables of one source schema. */
  listTables(schema: string): Promise<string[]>;
  /** Columns, types and primary key; undefined when the table does not exist. */
  reflect(schema: string, table: string): Promise<SourceTable | undefined>;
  read(request: ReadRequest): AsyncIterable<unknown[][]>;
  /** Whether an error is worth a retry (the driver's own notion of transient). */
  isTransient(error: unknown): boolean;
  close(): Promise<void>;
}
