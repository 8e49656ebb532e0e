import { parseEventTime, TsdbtError } from '@tsdbt/core';

const usage = (message: string): TsdbtError => new TsdbtError('TSDBT_EVENT_TIME_FLAGS', message, { exitCode: 2 });

function parseFlag(flag: string, value: string): Date {
  const date = parseEventTime(value);
  if (!date) throw usage(`Invalid value for '${flag}': '${value}' does not match the formats '%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S'.`);
  return date;
}

/**
 * dbt's --event-time-start / --event-time-end checks: ISO dates, given together, start before end. A usage error
 * (exit 2) before anything runs otherwise.
 */
export function eventTimeFlags(start: string | undefined, end: string | undefined): { eventTimeStart?: Date; eventTimeEnd?: Date } {
  if (start === undefined && end === undefined) return {};
  if (start === undefined) throw usage('The flag `--event-time-end` was specified, but `--event-time-start` was not. When specifying `--event-time-end`, `--event-time-start` must also be present.');
  if (end === undefined) throw usage('The flag `--event-time-start` was specified, but `--event-time-end` was not. When specifying `--event-time-start`, `--event-time-end` must also be present.');
  const eventTimeStart = parseFlag('--event-time-start', start);
  const eventTimeEnd = parseFlag('--event-time-end', end);
  if (eventTimeStart >= eventTimeEnd) throw usage('Value for `--event-time-start` must be less than `--event-time-end`');
  return { eventTimeStart, eventTimeEnd };
}
