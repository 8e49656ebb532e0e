import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTsdbt } from './run-tsdbt.js';
import { microbatchProject } from './microbatch-helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Parse a project whose microbatch model has `config`; what `tsdbt parse` prints and returns. */
async function parseWith(config: string, sql = "select * from {{ ref('events') }}"): Promise<{ exitCode: number; out: string }> {
  const dir = microbatchProject('tsdbt-microbatch-parse-', `{{ config(\n    materialized='incremental',\n    incremental_strategy='microbatch',\n${config}\n) }}\n${sql}`);
  dirs.push(dir);
  const run = await runTsdbt(dir, ['parse']);
  return { exitCode: run.exitCode, out: run.stdout + run.stderr };
}

describe('microbatch configs are checked at parse, as dbt checks them', () => {
  it('requires event_time, begin and batch_size, pointing at the config call', async () => {
    const { exitCode, out } = await parseWith("    batch_size='day'");
    expect(exitCode).toBe(2);
    expect(out).toContain('TSDBT_MICROBATCH_EVENT_TIME');
    expect(out).toContain("Microbatch model 'monthly' must provide an 'event_time' (string) config that indicates the name of the event time column.");
    expect(out).toContain("Microbatch model 'monthly' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from.");
    // The model's file and the line of its incremental_strategy.
    expect(out).toMatch(/models\/monthly\.sql:3/u);
  });

  it('types each config: begin an ISO datetime, batch_size one of four, lookback an int, concurrent_batches a bool', async () => {
    const { exitCode, out } = await parseWith("    event_time='event_time',\n    begin='2024-13-40',\n    batch_size='week',\n    lookback='2',\n    concurrent_batches='yes'");
    expect(exitCode).toBe(2);
    expect(out).toContain("Microbatch model 'monthly' must provide a 'begin' config of valid datetime (ISO format), but got: 2024-13-40.");
    expect(out).toMatch(/models\/monthly\.sql:5/u);
    expect(out).toContain("must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: week.");
    expect(out).toMatch(/models\/monthly\.sql:6/u);
    expect(out).toContain("must provide the optional 'lookback' config as type int, but got: <class 'str'>.");
    expect(out).toContain("optional 'concurrent_batches' config must be of type `bool` if specified, but got: <class 'str'>.");
  });

  it('warns when no input has an event_time to filter on', async () => {
    const { exitCode, out } = await parseWith("    event_time='event_time',\n    begin='2024-01-01',\n    batch_size='day'", 'select 1 as id, current_timestamp as event_time');
    expect(exitCode).toBe(0);
    expect(out).toContain("The microbatch model 'monthly' has no 'ref' or 'source' input with an 'event_time' configuration.");
  });

  it("makes that warning an error under --warn-error-options naming dbt's event", async () => {
    const dir = microbatchProject('tsdbt-microbatch-parse-', `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='t', begin='2024-01-01', batch_size='day') }}\nselect current_timestamp as t`);
    dirs.push(dir);
    const run = await runTsdbt(dir, ['--warn-error-options', '{"error": ["MicrobatchModelNoEventTimeInputs"]}', 'run', '-s', 'monthly']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout + run.stderr).toContain('TSDBT_MICROBATCH_NO_EVENT_TIME_INPUTS');
  });

  it('accepts a complete config', async () => {
    const { exitCode, out } = await parseWith("    event_time='event_time',\n    begin='2024-01-01 00:00:00',\n    batch_size='hour',\n    lookback=3,\n    concurrent_batches=false");
    expect(exitCode, out).toBe(0);
    expect(out).not.toContain('TSDBT_MICROBATCH');
  });
});

