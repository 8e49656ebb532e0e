import { availableParallelism } from 'node:os';
import type { TargetConfig } from '@tsdbt/core';

/**
 * DuckDB's buffer pool for a load. Measured: peak RSS grew with the row count only because DuckDB keeps every
 * block it has read (the attached source) or written (the staged rows) cached up to `memory_limit`, 80 % of RAM by
 * default; the load's transaction itself holds little. A bounded pool evicts (written blocks are already in the
 * file), so peak memory stops growing once the pool is full. The pool scales with DuckDB's threads, not the rows:
 * each thread of a parallel insert fills a row group of its own before writing it (spilled to disk past the limit),
 * and the tables loading at the same time share the pool, so it scales with them too (64 MB for two tables at once
 * ran the sales project's ingest out of memory).
 */
export function ingestMemoryLimit(threads: number, parallelLoads = 1): string {
  return `${Math.max(64, 32 * threads) * Math.max(1, parallelLoads)}MB`;
}

/**
 * When DuckDB copies the rows itself (embedded source: INSERT … SELECT), an insert that keeps insertion order runs
 * on one thread under a small `memory_limit` (measured: one core at 128 MB, both at 256 MB). Rows of a SQL table have no
 * order, so ingest lets it run in parallel. Not for the appender path: there it only raised peak memory
 * (measured at 1 M rows: 247 MB keeping the order, 278 MB without).
 */
export const PARALLEL_INSERT_SETTINGS: Readonly<Record<string, string>> = Object.freeze({ preserve_insertion_order: 'false' });

/** Names DuckDB accepts for the same knob: a profile that sets any of them keeps its own value. */
const ALIASES: Record<string, string[]> = { memory_limit: ['memory_limit', 'max_memory'], preserve_insertion_order: ['preserve_insertion_order'] };

/**
 * The profile's DuckDB target with ingest's settings added where the profile sets none. Only for a database file:
 * in memory the data is the memory, there is no cache to bound. Other adapters are returned unchanged.
 */
export function withIngestSettings(config: TargetConfig, o: { parallelInsert?: boolean; parallelLoads?: number } = {}): TargetConfig {
  const c = config as TargetConfig & { path?: string; settings?: Readonly<Record<string, string>> };
  if (c.type !== 'duckdb' || !c.path || c.path.startsWith(':memory:')) return config;
  const own = new Set(Object.keys(c.settings ?? {}).map((k) => k.toLowerCase()));
  const threads = Number(c.settings?.threads ?? c.settings?.worker_threads) || availableParallelism();
  const bounded = { memory_limit: ingestMemoryLimit(threads, o.parallelLoads) };
  const wanted = o.parallelInsert ? { ...bounded, ...PARALLEL_INSERT_SETTINGS } : bounded;
  const added = Object.entries(wanted).filter(([k]) => !ALIASES[k]!.some((a) => own.has(a)));
  if (!added.length) return config;
  return Object.freeze({ ...c, settings: Object.freeze({ ...Object.fromEntries(added), ...c.settings }) });
}
