import type { Options } from 'yargs';
import type { TaskOptions } from '@tsdbt/runner';

/** dbt's microbatch window flags of `run` and `build` (checked by the runner: ISO dates, both given, start < end). */
export const eventTimeOptions = {
  'event-time-start': { type: 'string', describe: 'Microbatch models build batches from this time (ISO date or date-time, with --event-time-end)' },
  'event-time-end': { type: 'string', describe: 'Microbatch models build batches up to this time, exclusive (with --event-time-start)' },
} as const satisfies Record<string, Options>;

export interface EventTimeArgs {
  eventTimeStart?: string;
  eventTimeEnd?: string;
}

export function eventTimeTaskOptions(argv: EventTimeArgs): Pick<TaskOptions, 'eventTimeStart' | 'eventTimeEnd'> {
  return { eventTimeStart: argv.eventTimeStart, eventTimeEnd: argv.eventTimeEnd };
}
