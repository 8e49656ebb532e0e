import type { BatchSize } from '@tsdbt/core';

/** One batch: `[start, end)` in UTC. */
export interface Batch {
  start: Date;
  end: Date;
}

/** dbt's MicrobatchBuilder.truncate_timestamp: the start of the hour/day/month/year holding `d` (UTC). */
export function truncate(d: Date, size: BatchSize): Date {
  const y = d.getUTCFullYear();
  switch (size) {
    case 'hour':
      return new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
    case 'day':
      return new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate()));
    case 'month':
      return new Date(Date.UTC(y, d.getUTCMonth(), 1));
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
  }
}

/** dbt's offset_timestamp: truncate, then move `by` batches (offsets apply to the truncated time). */
export function offset(d: Date, size: BatchSize, by: number): Date {
  const t = truncate(d, size);
  switch (size) {
    case 'hour':
      return new Date(t.getTime() + by * 3_600_000);
    case 'day':
      return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + by));
    case 'month':
      return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + by, 1));
    case 'year':
      return new Date(Date.UTC(t.getUTCFullYear() + by, 0, 1));
  }
}

/** dbt's ceiling_timestamp: `d` itself when on a batch boundary, else the next boundary. */
export function ceiling(d: Date, size: BatchSize): Date {
  const t = truncate(d, size);
  return t.getTime() === d.getTime() ? t : offset(t, size, 1);
}

export interface WindowInput {
  size: BatchSize;
  begin: Date;
  /** Default 1: how many batches before the checkpoint's are rebuilt on an incremental run. */
  lookback: number;
  /** The target exists and this is no full refresh. */
  incremental: boolean;
  /** --event-time-start / --event-time-end. */
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
  /** The invocation's start (dbt's default end time). */
  now: Date;
}

/** dbt's build_end_time / build_start_time(checkpoint = end) / build_batches: the batches of one run, in order. */
export function planBatches(w: WindowInput): Batch[] {
  const end = ceiling(w.eventTimeEnd ?? w.now, w.size);
  let start: Date;
  if (w.eventTimeStart) start = truncate(w.eventTimeStart, w.size);
  else if (!w.incremental) start = truncate(w.begin, w.size);
  else {
    // A checkpoint on a batch boundary ends the last batch, so one more batch back covers `lookback` whole ones.
    const lookback = w.lookback + (truncate(end, w.size).getTime() === end.getTime() ? 1 : 0);
    start = offset(end, w.size, -lookback);
  }
  const batches: Batch[] = [{ start, end: offset(start, w.size, 1) }];
  while (batches[batches.length - 1]!.end < end) {
    const s = batches[batches.length - 1]!.end;
    batches.push({ start: s, end: offset(s, w.size, 1) });
  }
  // As dbt: the last batch stops at the exact end.
  batches[batches.length - 1]!.end = end;
  return batches;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Python's `str()` of a UTC datetime, as dbt prints batch bounds into SQL: `2024-01-01 00:00:00+00:00`. */
export function pyDatetime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

/** Python's `isoformat()` of a UTC datetime, as run_results.json `batch_results` holds batch bounds. */
export function isoDatetime(d: Date): string {
  return pyDatetime(d).replace(' ', 'T');
}

/** dbt's format_batch_start: the date for day and coarser batches, the full time for hourly ones. */
export function batchLabel(start: Date, size: BatchSize): string {
  return size === 'hour' ? pyDatetime(start) : pyDatetime(start).slice(0, 10);
}

/** dbt's batch_id: `20240101`, or `20240101T10` for hourly batches. */
export function batchId(start: Date, size: BatchSize): string {
  const day = pyDatetime(start).slice(0, 10).replaceAll('-', '');
  return size === 'hour' ? `${day}T${pad(start.getUTCHours())}` : day;
}
