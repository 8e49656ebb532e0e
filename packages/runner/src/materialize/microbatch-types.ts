import type { Connection } from '@tsdbt/core';

/** run_results.json `batch_results`: each batch as `[start, end]` ISO timestamps (dbt's BatchResults). */
export interface BatchResults {
  successful: [string, string][];
  failed: [string, string][];
}

/** What a task gives every microbatch model: the run's window and, on retry, the batches left to do. */
export interface MicrobatchSettings {
  /** --event-time-start / --event-time-end (validated, UTC). */
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  /** The invocation's start: the default end of the last batch. */
  now: Date;
  /** `retry`: by unique_id, the previous run's batch results of a partly successful model. */
  retry?: Map<string, BatchResults>;
  /**
   * A free thread of the run for a model's concurrent batches (dbt submits them to the run's thread pool): runs
   * `work` on a pooled connection of its own, logged under `uniqueId`, and gives the thread back after. Undefined
   * when no thread is free (or the run is stopping): the batches go on, on the threads they already have.
   */
  lend?<T>(uniqueId: string, work: (conn: Connection) => Promise<T>): Promise<T> | undefined;
  /** A debug line for the log file (dbt's MicrobatchExecutionDebug). */
  debug?(message: string): void;
}

/** One batch starting (`result` unset) or done, for the console's `Batch 1 of 3 START …` lines. */
export interface BatchEvent {
  index: number;
  total: number;
  /** dbt's formatted batch start: `2024-01-01`, or the full time for hourly batches. */
  label: string;
  /** `skipped`: not run because the first batch failed (dbt's MicrobatchBatchRunner.on_skip: no START line, `SKIPPED`). */
  result?: { status: 'success' | 'error' | 'skipped'; seconds: number; message: string };
}
