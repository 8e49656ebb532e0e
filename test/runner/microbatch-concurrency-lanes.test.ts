import { adapter } from '@tsdbt/adapter-duckdb';
import type { Connection, Dialect, ManifestNode, TargetConfig } from '@tsdbt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchResultsOfError, materializeMicrobatch } from '../../packages/runner/src/materialize/microbatch.js';
import { schedule } from '../../packages/runner/src/scheduler.js';
import { batchesMayRunInParallel, referencesThis } from '../../packages/runner/src/materialize/microbatch-concurrency.js';
import type { BatchEvent, MicrobatchSettings } from '../../packages/runner/src/materialize/microbatch-types.js';
import type { NodeContext } from '../../packages/runner/src/types.js';
import { duckDbHarness } from '../../packages/runner/test/duckdb-context.js';

type Harness = Awaited<ReturnType<typeof duckDbHarness>>;

const DAYS = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
const MIDDLE = DAYS.slice(1, -1);
const config = (extra: Record<string, unknown> = {}) => ({ materialized: 'incremental', incremental_strategy: 'microbatch', event_time: 'ts', batch_size: 'day', begin: DAYS[0], ...extra });
const window: MicrobatchSettings = { now: new Date('2024-01-05T12:00:00Z'), eventTimeStart: new Date('2024-01-01T00:00:00Z'), eventTimeEnd: new Date('2024-01-06T00:00:00Z') };

/** Resolves once `n` callers wait on it: batches that reach it together prove they ran at once (sequential ones never would). */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === n) open();
    return opened;
  };
}

/** One connection's statements, labelled with the connection, into a shared list. */
function spy(conn: Connection, label: string, log: [string, string][]): Connection {
  return Object.assign(Object.create(conn) as Connection, {
    execute: (sql: string, params?: unknown[]) => (log.push([label, sql]), conn.execute(sql, params)),
    transaction: <T>(fn: (c: Connection) => Promise<T>) => conn.transaction(() => fn(spy(conn, label, log))),
  });
}

describe('microbatch batches at once: on the model connection and the threads the run lends', () => {
  let h: Harness;
  let spare: Connection[];
  beforeAll(async () => {
    h = await duckDbHarness();
    await h.conn.execute(`create table main.src as select i as id, timestamp '2024-01-01' + to_days(i - 1) + interval 10 hour as ts from range(1, 6) r(i)`);
    spare = await Promise.all([1, 2, 3].map(() => adapter.connect(h.target as TargetConfig)));
  });
  afterAll(async () => {
    for (const c of spare) await c.close();
    await h.close();
  });

  /** A microbatch context whose run lends up to `threads` spare connections; records statements, lends and batch events. */
  function run(name: string, o: { threads: number; extra?: Record<string, unknown>; raw?: string; gate?: (day: string) => Promise<void>; failDay?: string; dialect?: Dialect }) {
    const statements: [string, string][] = [];
    const events: BatchEvent[] = [];
    let lent = 0;
    let free = o.threads;
    const node = h.node(name, config(o.extra), { raw_code: o.raw ?? 'select * from src' } as Partial<ManifestNode>);
    const base = h.ctx(node, '');
    const ctx: NodeContext = {
      ...base,
      dialect: o.dialect ?? base.dialect,
      conn: spy(h.conn, 'model', statements),
      compile: async (c) => {
        const day = c!.batch!.eventTimeStart.slice(0, 10);
        await o.gate?.(day);
        const from = day === o.failDay ? 'no_such_table' : 'main.src';
        return `select id, ts from ${from} where ts >= '${c!.batch!.eventTimeStart}' and ts < '${c!.batch!.eventTimeEnd}'`;
      },
      batchEvent: (e) => events.push(e),
      microbatch: {
        ...window,
        lend: (_id, work) => {
          if (!free) return undefined;
          free--;
          lent++;
          const conn = spare[free]!;
          return work(spy(conn, `lent-${lent}`, statements)).finally(() => free++);
        },
      },
    };
    /** Which connection deleted each day's window. */
    const deletedOn = (day: string) => statements.find(([, sql]) => sql.startsWith('delete') && sql.includes(`>= '${day} 00:00:00+00:00'`))?.[0];
    const order = () => events.map((e) => `${e.index}${e.result ? ` ${e.result.status}` : ' start'}`);
    return { go: () => materializeMicrobatch(ctx), deletedOn, order, lent: () => lent, rows: () => h.rows(`select id from main.${name} order by id`) };
  }

  it('runs the middle batches at once, each on a connection of its own, between the first and the last batch', async () => {
    const together = barrier(MIDDLE.length);
    const r = run('mb_parallel', { threads: 3, extra: { concurrent_batches: true }, gate: (day) => (MIDDLE.includes(day) ? together() : Promise.resolve()) });
    const out = await r.go();
    expect(out.message).toBe('SUCCESS');
    expect(await r.rows()).toEqual([[1], [2], [3], [4], [5]]);
    const lanes = MIDDLE.map((d) => r.deletedOn(d));
    expect(new Set(lanes).size).toBe(MIDDLE.length);
    // The first batch is done before any other starts; the last starts once every middle batch is done.
    const order = r.order();
    expect(order.slice(0, 2)).toEqual(['1 start', '1 success']);
    expect(order.slice(-2)).toEqual(['5 start', '5 success']);
    expect(out.batchResults!.successful.map(([s]) => s.slice(0, 10))).toEqual(DAYS);
   }, 15_000);

  it('--threads bounds them: with no thread free, the same batches run one after another on the model connection', async () => {
    const r = run('mb_no_threads', { threads: 0, extra: { concurrent_batches: true } });
    expect((await r.go()).message).toBe('SUCCESS');
    expect(await r.rows()).toEqual([[1], [2], [3], [4], [5]]);
    expect(MIDDLE.map((d) => r.deletedOn(d))).toEqual(['model', 'model', 'model']);
    expect(r.order()).toEqual(DAYS.flatMap((_, i) => [`${i + 1} start`, `${i + 1} success`]));
  });

  it('concurrent_batches: false runs them one after another, borrowing no thread', async () => {
    const r = run('mb_sequential', { threads: 3, extra: { concurrent_batches: false } });
    expect((await r.go()).message).toBe('SUCCESS');
    expect(await r.rows()).toEqual([[1], [2], [3], [4], [5]]);
    expect(r.lent()).toBe(0);
    expect(r.order()).toEqual(DAYS.flatMap((_, i) => [`${i + 1} start`, `${i + 1} success`]));
  });

  it('a failing batch among concurrent ones: the others commit, the model is a partial success', async () => {
    const together = barrier(MIDDLE.length);
    const r = run('mb_partial', { threads: 3, extra: { concurrent_batches: true }, failDay: '2024-01-03', gate: (day) => (MIDDLE.includes(day) ? together() : Promise.resolve()) });
    const out = await r.go();
    expect(out).toMatchObject({ status: 'partial success', message: 'PARTIAL SUCCESS (4/5)' });
    expect(out.batchResults!.failed).toEqual([['2024-01-03T00:00:00+00:00', '2024-01-04T00:00:00+00:00']]);
    expect(out.batchResults!.successful.map(([s]) => s.slice(0, 10))).toEqual(['2024-01-01', '2024-01-02', '2024-01-04', '2024-01-05']);
    expect(await r.rows()).toEqual([[1], [2], [4], [5]]);
   }, 15_000);

  it("a failed first batch skips the others (dbt's skip_batches): none starts, none borrows a thread, all count as failed", async () => {
    for (const [name, existing] of [['mb_first_fails_build', false], ['mb_first_fails_incremental', true]] as const) {
      if (existing) await h.conn.execute(`create table main.${name} as select id, ts from main.src`);
      const r = run(name, { threads: 3, extra: { concurrent_batches: true }, failDay: DAYS[0] });
      const error = await r.go().then(() => undefined, (e: unknown) => e);
      expect(error, name).toBeDefined();
      expect(r.order(), name).toEqual(['1 start', '1 error', '2 skipped', '3 skipped', '4 skipped', '5 skipped']);
      expect(r.lent(), name).toBe(0);
      expect(DAYS.map((d) => r.deletedOn(d)).filter(Boolean), name).toEqual([]);
      // The run result still lists every batch, as failed (dbt's on_skip: `batch_results=BatchResults(failed=[batch])`).
      expect(batchResultsOfError(error)?.failed.map(([s]) => s.slice(0, 10)), name).toEqual(DAYS);
      expect(batchResultsOfError(error)?.successful, name).toEqual([]);
    }
    expect(await h.rows('select count(*) from main.mb_first_fails_incremental')).toEqual([[5]]);
  });

  it('stays sequential where the warehouse declares no microbatch concurrency', async () => {
    const dialect = Object.create(h.dialect, { capabilities: { value: { ...h.dialect.capabilities, microbatchConcurrency: false } } }) as Dialect;
    const r = run('mb_no_capability', { threads: 3, extra: { concurrent_batches: true }, dialect });
    expect((await r.go()).message).toBe('SUCCESS');
    expect(r.lent()).toBe(0);
  });

  it('unset concurrent_batches: a model naming {{ this }} stays sequential, one that does not runs at once', async () => {
    const self = run('mb_this', { threads: 3, raw: "select * from src {% if is_incremental() %} where id > (select max(id) from {{ this }}) {% endif %}" });
    await self.go();
    expect(self.lent()).toBe(0);
    const together = barrier(MIDDLE.length);
    const free = run('mb_unset', { threads: 3, gate: (day) => (MIDDLE.includes(day) ? together() : Promise.resolve()) });
    expect((await free.go()).message).toBe('SUCCESS');
    expect(free.lent()).toBeGreaterThan(0);
   }, 15_000);
});

describe("dbt's should_run_in_parallel and has_this", () => {
  const dialect = (microbatchConcurrency?: boolean) => ({ capabilities: { microbatchConcurrency } }) as unknown as Dialect;
  const node = (concurrent_batches: unknown, raw_code = 'select 1') => ({ config: { concurrent_batches }, raw_code }) as unknown as ManifestNode;

  it.each([
    [true, true, undefined, 'select 1', true],
    [true, true, true, '{{ this }}', true],
    [true, true, false, 'select 1', false],
    [true, true, undefined, 'select * from {{ this }}', false],
    [true, false, true, 'select 1', false],
    [false, true, true, 'select 1', false],
    [undefined, true, true, 'select 1', false],
  ])('capability %s, target exists %s, concurrent_batches %s, %s → %s', (capability, exists, configured, raw, expected) => {
    expect(batchesMayRunInParallel({ dialect: dialect(capability), node: node(configured, raw) }, exists)).toBe(expected);
  });

  it.each([
    ['{{ this }}', true],
    ['{% if is_incremental() %}select max(ts) from {{ this.identifier }}{% endif %}', true],
    ['{% set t = this %}', true],
    ['select this from t', false],
    ["{{ 'this' }}", false],
    ['{# uses {{ this }} #} select 1', false],
    ['{{ this_month }} {{ model.this }}', false],
    [undefined, false],
  ])('%j references this: %s', (raw, expected) => {
    expect(referencesThis(raw)).toBe(expected);
  });
});

describe('threads lent to concurrent batches count against --threads', () => {
  const run = async (threads: number) => {
    const log: string[] = [];
    let borrow!: () => (() => void) | undefined;
    await schedule<string>({
      ids: ['a', 'b'],
      parents: new Map(),
      threads,
      lending: (b) => (borrow = b),
      run: async (id) => {
        log.push(`start ${id}`);
        if (id !== 'a') return id;
        const release = borrow();
        log.push(release ? 'a borrowed' : 'a borrowed none');
        await Promise.resolve();
        log.push('a gives back');
        release?.();
        return id;
      },
      ok: () => true,
      skip: (id) => id,
      stop: () => false,
    });
    return log;
  };

  it('a ready node waits for the thread a running one borrowed', async () => {
    expect(await run(2)).toEqual(['start a', 'a borrowed', 'a gives back', 'start b']);
  });

  it('no thread is lent when none is free', async () => {
    expect((await run(1)).slice(0, 2)).toEqual(['start a', 'a borrowed none']);
  });
});
