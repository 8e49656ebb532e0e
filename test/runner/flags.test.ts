import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '@tsdbt/adapter-duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEnv } from '../cli/global-flags-env.js';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

describe('--threads, --empty, --state/--defer', () => {
  const project = copyFixture('runner-basic');
  const query = async (sql: string) => {
    const conn = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: 'dev.duckdb' }, 'check', { projectDir: project.dir }));
    try {
      return (await conn.execute(sql)).rows;
    } finally {
      await conn.close();
    }
  };
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('--threads runs independent nodes on separate threads', async () => {
    const r = await runTsdbt(project.dir, ['run', '--threads', '3']);
    expect(r.exitCode).toBe(0);
    const rr = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8'));
    expect(new Set(rr.results.map((x: { thread_id: string }) => x.thread_id)).size).toBeGreaterThan(1);
    expect(rr.results.every((x: { thread_id: string }) => /^Thread-[123]$/u.test(x.thread_id))).toBe(true);
  });

  it('--empty builds every relation with its columns and no rows', async () => {
    const r = await runTsdbt(project.dir, ['run', '--empty', '--full-refresh']);
    expect(r.exitCode).toBe(0);
    expect(await query('select count(*) from main.customers')).toEqual([[0]]);
    expect((await query("select count(*) from information_schema.columns where table_name = 'customers'"))[0]![0]).toBe(4);
  });

  it('--defer reads unselected parents from the --state run when this target lacks them', async () => {
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
    const state = join(project.dir, 'prod-state');
    mkdirSync(state);
    cpSync(join(project.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
    const r = await runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--defer', '--state', state]);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/OK created sql table model ci\.customers/u);
    expect(await query('select count(*) from ci.customers')).toEqual([[3]]);
    const none = await runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--defer']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('TSDBT_DEFER_NEEDS_STATE');
  });

  it('retry re-runs a deferred invocation with its --defer and --state (and records them in run_results.json args)', async () => {
    const state = join(project.dir, 'prod-state');
    const model = join(project.dir, 'models', 'marts', 'customers.sql');
    const original = readFileSync(model, 'utf8');
    // customers fails while --vars says so; the ci schema has no staging models, so only deferral can feed it.
    writeFileSync(model, `{% if var('break_customers', false) %}select no_such_column from {{ ref('stg_customers') }}{% else %}${original}{% endif %}`);
    try {
      const failed = await runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--defer', '--state', state, '--vars', '{break_customers: true}']);
      expect(failed.exitCode).toBe(1);
      const args = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).args;
      expect(args).toMatchObject({ which: 'run', defer: true, state, target: 'ci' });
      const retried = await runTsdbt(project.dir, ['retry', '--vars', '{break_customers: false}']);
      expect(retried.exitCode, retried.stdout + retried.stderr).toBe(0);
      expect(retried.stdout).toMatch(/OK created sql table model ci\.customers/u);
    } finally {
      writeFileSync(model, original);
    }
  });

  it('$DBT_DEFER, $DBT_FULL_REFRESH and $DBT_EMPTY stand in for their flags; a flag wins; a bad value is a usage error', async () => {
    const state = join(project.dir, 'prod-state');
    const deferred = await withEnv({ DBT_DEFER: 'true' }, () => runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--state', state]));
    expect(deferred.exitCode, deferred.stdout + deferred.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).args).toMatchObject({ defer: true });
    const overridden = await withEnv({ DBT_DEFER: 'true' }, () => runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--state', state, '--no-defer']));
    expect(JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).args).toMatchObject({ defer: false });
    expect(overridden.exitCode).toBeLessThanOrEqual(1);
    await withEnv({ DBT_EMPTY: '1' }, () => runTsdbt(project.dir, ['run', '--select', 'customers']));
    expect(await query('select count(*) from main.customers')).toEqual([[0]]);
    const bad = await withEnv({ DBT_FULL_REFRESH: 'sometimes' }, () => runTsdbt(project.dir, ['run', '--select', 'customers']));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("$DBT_FULL_REFRESH: 'sometimes' is not a boolean");
  });

  it('--state pointing nowhere is a usage error', async () => {
    const r = await runTsdbt(project.dir, ['run', '--state', join(project.dir, 'missing')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_STATE_NOT_FOUND');
  });
});
