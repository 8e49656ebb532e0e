import { describe, expect, it } from 'vitest';
import { eventTimeFlags } from '../src/materialize/event-time-flags.js';
import { batchId, batchLabel, ceiling, isoDatetime, offset, planBatches, pyDatetime, truncate, type Batch } from '../src/materialize/microbatch-window.js';

const at = (s: string): Date => new Date(`${s}Z`);
const shown = (bs: Batch[]): string[][] => bs.map((b) => [pyDatetime(b.start), pyDatetime(b.end)]);

describe('microbatch window: dbt MicrobatchBuilder arithmetic', () => {
  const t = at('2024-09-17T16:06:00');
  it('truncates, offsets and ceils per batch size', () => {
    expect(['hour', 'day', 'month', 'year'].map((s) => pyDatetime(truncate(t, s as never)))).toEqual([
      '2024-09-17 16:00:00+00:00', '2024-09-17 00:00:00+00:00', '2024-09-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00',
    ]);
    expect(pyDatetime(offset(t, 'month', -1))).toBe('2024-08-01 00:00:00+00:00');
    expect(pyDatetime(offset(at('2024-01-31T00:00:00'), 'month', 1))).toBe('2024-02-01 00:00:00+00:00');
    expect(pyDatetime(offset(t, 'year', 1))).toBe('2025-01-01 00:00:00+00:00');
    expect(pyDatetime(ceiling(t, 'day'))).toBe('2024-09-18 00:00:00+00:00');
    expect(pyDatetime(ceiling(at('2024-09-17T00:00:00'), 'day'))).toBe('2024-09-17 00:00:00+00:00');
  });

  it('builds from begin on a first run, up to the ceiling of now', () => {
    const batches = planBatches({ size: 'day', begin: at('2024-09-15T08:00:00'), lookback: 1, incremental: false, now: t });
    expect(shown(batches)).toEqual([
      ['2024-09-15 00:00:00+00:00', '2024-09-16 00:00:00+00:00'],
      ['2024-09-16 00:00:00+00:00', '2024-09-17 00:00:00+00:00'],
      ['2024-09-17 00:00:00+00:00', '2024-09-18 00:00:00+00:00'],
    ]);
  });

  it('goes back `lookback` batches before the current one on an incremental run', () => {
    const run = (lookback: number) => shown(planBatches({ size: 'hour', begin: at('2020-01-01T00:00:00'), lookback, incremental: true, now: t }));
    expect(run(1)).toEqual([['2024-09-17 15:00:00+00:00', '2024-09-17 16:00:00+00:00'], ['2024-09-17 16:00:00+00:00', '2024-09-17 17:00:00+00:00']]);
    expect(run(0)).toEqual([['2024-09-17 16:00:00+00:00', '2024-09-17 17:00:00+00:00']]);
    expect(run(2)).toHaveLength(3);
  });

  it('uses --event-time-start/--event-time-end, the start truncated and the end ceiled', () => {
    const batches = planBatches({
      size: 'day', begin: at('2020-01-01T00:00:00'), lookback: 1, incremental: true, now: t,
      eventTimeStart: at('2024-01-01T10:00:00'), eventTimeEnd: at('2024-01-02T12:00:00'),
    });
    expect(shown(batches)).toEqual([
      ['2024-01-01 00:00:00+00:00', '2024-01-02 00:00:00+00:00'],
      ['2024-01-02 00:00:00+00:00', '2024-01-03 00:00:00+00:00'],
    ]);
  });

  it('labels and ids batches as dbt does', () => {
    expect(batchLabel(at('2024-01-02T00:00:00'), 'day')).toBe('2024-01-02');
    expect(batchLabel(at('2024-01-02T05:00:00'), 'hour')).toBe('2024-01-02 05:00:00+00:00');
    expect(batchId(at('2024-01-02T05:00:00'), 'hour')).toBe('20240102T05');
    expect(batchId(at('2024-01-02T00:00:00'), 'month')).toBe('20240102');
    expect(isoDatetime(at('2024-01-02T00:00:00'))).toBe('2024-01-02T00:00:00+00:00');
  });
});

describe('--event-time-start / --event-time-end', () => {
  it('reads ISO dates and date-times as UTC wall-clock times', () => {
    expect(eventTimeFlags(undefined, undefined)).toEqual({});
    expect(eventTimeFlags('2024-01-01', '2024-01-02T03:04:05')).toEqual({ eventTimeStart: at('2024-01-01T00:00:00'), eventTimeEnd: at('2024-01-02T03:04:05') });
  });

  it('rejects a missing half, an invalid date, and a start not before the end (usage errors, exit 2)', () => {
    expect(() => eventTimeFlags('2024-01-01', undefined)).toThrow('`--event-time-end` must also be present');
    expect(() => eventTimeFlags(undefined, '2024-01-01')).toThrow('`--event-time-start` must also be present');
    expect(() => eventTimeFlags('2024-02-30', '2024-03-01')).toThrow("Invalid value for '--event-time-start': '2024-02-30'");
    expect(() => eventTimeFlags('2024-01-02', '2024-01-02')).toThrow('Value for `--event-time-start` must be less than `--event-time-end`');
    const thrown = ((): unknown => {
      try {
        return eventTimeFlags('2024-01-03', '2024-01-02');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ exitCode: 2, code: 'TSDBT_EVENT_TIME_FLAGS' });
  });
});
