import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

/** Keeps this run's artifacts as "production" state for the next command. */
function keepState(dir: string, into: string, names: string[]): string {
  const state = join(dir, into);
  mkdirSync(state, { recursive: true });
  for (const name of names) copyFileSync(join(dir, 'target', name), join(state, name));
  return state;
}

describe('source_status:fresher, with --state holding an earlier sources.json', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());
  beforeAll(async () => {
    writeFileSync(join(project.dir, 'models/fresh_orders.sql'), "select * from {{ source('raw', 'raw_orders') }}");
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  });

  it('selects the sources with newer rows since the earlier check, and with + what reads them', async () => {
    // raw_customers fails its freshness check (exit 1) in both runs: dbt leaves an errored source out.
    expect((await runTsdbt(project.dir, ['source', 'freshness'])).exitCode).toBe(1);
    const prev = keepState(project.dir, 'prod', ['sources.json', 'manifest.json']);
    const unchanged = await runTsdbt(project.dir, ['ls', '-s', 'source_status:fresher', '--state', prev, '--output', 'name']);
    expect(unchanged.stderr).toContain('No nodes selected!');

    appendFileSync(join(project.dir, 'seeds/raw_orders.csv'), '9,2,2024-03-01,completed,5\n');
    expect((await runTsdbt(project.dir, ['seed', '-s', 'raw_orders'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['source', 'freshness'])).exitCode).toBe(1);
    const fresher = await runTsdbt(project.dir, ['ls', '-s', 'source_status:fresher', '--state', prev, '--output', 'name']);
    expect(fresher.stdout.trim().split('\n')).toEqual(['raw.raw_orders']);

    const build = await runTsdbt(project.dir, ['build', '-s', 'source_status:fresher+', '--state', prev]);
    expect(build.exitCode).toBe(0);
    expect(build.stdout).toMatch(/OK created sql view model main\.fresh_orders/u);
    expect(build.stdout).toContain('TOTAL=1');
  });

  it('says what is missing: no sources.json in --state, an unknown status', async () => {
    const noSources = keepState(project.dir, 'no-sources', ['manifest.json']);
    const r = await runTsdbt(project.dir, ['ls', '-s', 'source_status:fresher', '--state', noSources]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_STATE_REQUIRED');
    expect(r.stderr).toContain('sources.json');
    const bad = await runTsdbt(project.dir, ['ls', '-s', 'source_status:stale', '--state', join(project.dir, 'prod')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('source_status:fresher');
  });
});

describe('result: on run and build, with --state holding an earlier run_results.json', () => {
  const project = copyFixture('runner-failing');
  afterAll(() => project.cleanup());

  it('result:error+ re-runs the failed model and what follows it', async () => {
    expect((await runTsdbt(project.dir, ['run', '--vars', '{break: true}'])).exitCode).toBe(1);
    const prev = keepState(project.dir, 'prod', ['run_results.json', 'manifest.json']);
    const r = await runTsdbt(project.dir, ['run', '-s', 'result:error+', '--state', prev]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/OK created sql table model main\.fragile/u);
    expect(r.stdout).toMatch(/OK created sql table model main\.after_fragile/u);
    expect(r.stdout).toContain('TOTAL=2');
  });
});
