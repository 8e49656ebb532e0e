import type { DuckDBDataChunk } from '@duckdb/node-api';

export type ValueWriter = (w: unknown, row: number) => void;
/** `layout`: the vector each sent column reads, and where a datetimeoffset's offsets are (offsets.mjs). */
export function chunkWriters(
  types: object[], encoders: ((w: unknown, v: unknown, offset?: unknown) => void)[], chunk: DuckDBDataChunk,
  layout?: { at: number[]; offsetAt: Array<number | undefined> },
): ValueWriter[];
