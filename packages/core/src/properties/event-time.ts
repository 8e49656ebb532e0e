/** dbt's microbatch batch sizes (BatchSize). */
export const BATCH_SIZES = ['hour', 'day', 'month', 'year'] as const;
export type BatchSize = (typeof BATCH_SIZES)[number];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/u;

/**
 * An ISO date or date-time (Python's `datetime.fromisoformat`, as dbt reads `begin` and `--event-time-start`), as
 * a UTC instant of its wall-clock fields: dbt puts UTC on naive values and truncates aware ones by their fields too.
 * Undefined when the text is no such date.
 */
export function parseEventTime(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  // Date.UTC rolls 2024-02-30 over to March: a field out of range is no date.
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi;
  return same && h! < 24 && mi! < 60 && s! < 60 ? date : undefined;
}

/** A `begin` config as a date: YAML may give a Date, config() a string. */
export function eventTimeValue(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  return typeof value === 'string' ? parseEventTime(value) : undefined;
}
