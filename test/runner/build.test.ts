import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, queryWarehouse as query, runTsdbt } from './run-tsdbt.js';

describe('tsdbt build on a small dbt project (seeds, views, tables, incremental, ephemeral, tests, snapshot, hooks)', () => {
  const project = copyFixture('runner-basic');
  let first: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    first = await runTsdbt(project.dir, ['build']);
  });
  afterAll(() => project.cleanup());

  it('exits 0 and prints dbt-style lines and summary', () => {
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/\d+ of 14 START seed file main\.raw_customers \.+ \[RUN\]/u);
    expect(first.stdout).toMatch(/OK created sql table model main\.customers \.+ \[OK in \d+\.\d\ds\]/u);
    expect(first.stdout).toMatch(/OK loaded seed file main\.raw_orders \.+ \[INSERT 3 in/u);
    expect(first.stdout).toMatch(/PASS customers_unique \.+ \[PASS in/u);
    expect(first.stdout).toMatch(/PASS unique_customers_customer_id \.+ \[PASS in/u);
    expect(first.stdout).toMatch(/PASS accepted_values_stg_orders_status__completed__returned/u);
    expect(first.stdout).toMatch(/PASS relationships_stg_orders_customer_id__customer_id__ref_stg_customers_/u);
    expect(first.stdout).toMatch(/PASS customers_counts_orders/u);
    expect(first.stdout).toContain('Completed successfully');
    expect(first.stdout).toContain('Done. PASS=14 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=14');
    expect(first.stdout).not.toContain('order_statuses');
    // build order: a model's unit test before it, its data tests right after it, children after those
    const line = (re: RegExp) => first.stdout.split('\n').findIndex((l) => re.test(l));
    expect(line(/START unit_test customers_counts_orders/u)).toBeLessThan(line(/START sql table model main\.customers/u));
    expect(line(/OK created sql view model main\.stg_orders/u)).toBeLessThan(line(/START test accepted_values_stg_orders/u));
    expect(line(/OK created sql table model main\.customers/u)).toBeLessThan(line(/START test unique_customers_customer_id/u));
    expect(line(/PASS relationships_stg_orders/u)).toBeLessThan(line(/START sql table model main\.customers/u));
  });

  it('builds the expected rows', async () => {
    expect(await query(project.dir, 'select customer_id, first_name, order_count, lifetime_value from main.customers order by 1')).toEqual([
      [1, 'Michael', 2, 15.75],
      [2, 'Shawn', 0, 0],
      [3, 'Kathleen', 1, 20],
    ]);
    expect(await query(project.dir, "select table_name, table_type from information_schema.tables where table_schema = 'main' and table_name like 'stg_%' order by 1")).toEqual([
      ['stg_customers', 'VIEW'],
      ['stg_orders', 'VIEW'],
    ]);
    expect(await query(project.dir, 'select count(*) from snapshots.customers_snapshot where dbt_valid_to is null')).toEqual([[3]]);
    expect(await query(project.dir, 'select event from main.run_log')).toEqual([['end']]);
  });

  it('writes run_results.json in the v6 shape and a log file', () => {
    const rr = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8'));
    expect(rr.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
    expect(rr.results).toHaveLength(14);
    const customers = rr.results.find((r: { unique_id: string }) => r.unique_id === 'model.runner_basic.customers');
    expect(customers).toMatchObject({ status: 'success', failures: null, compiled: true, thread_id: expect.stringMatching(/^Thread-\d$/u) });
    expect(customers.compiled_code).toContain('select');
    expect(customers.timing.map((t: { name: string }) => t.name)).toEqual(['compile', 'execute']);
    expect(rr.args.which).toBe('build');
    expect(readFileSync(join(project.dir, 'logs', 'dbt.log'), 'utf8')).toContain('model.runner_basic.customers: success');
  });

  it('runs the incremental model incrementally, and rebuilds it with --full-refresh', async () => {
    await query(project.dir, "insert into main.orders_inc values (99, 1, 'old', 1)");
    const again = await runTsdbt(project.dir, ['run', '--select', 'orders_inc']);
    expect(again.exitCode).toBe(0);
    expect(await query(project.dir, 'select count(*) from main.orders_inc')).toEqual([[4]]);
    const full = await runTsdbt(project.dir, ['run', '--select', 'orders_inc', '--full-refresh']);
    expect(full.exitCode).toBe(0);
    expect(await query(project.dir, 'select count(*) from main.orders_inc')).toEqual([[3]]);
  });

  it('prints one JSON object a line with --log-format json', async () => {
    const r = await runTsdbt(project.dir, ['seed', '--log-format', 'json']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.info.name === 'NodeFinished' && l.data.status === 'success')).toBe(true);
    expect(lines.at(-1).data).toMatchObject({ pass: 2, error: 0, total: 2 });
  });
});

describe('failure paths', () => {
  const project = copyFixture('runner-failing');
  afterAll(() => project.cleanup());

  it('a SQL error names the model, file and database message; downstream is skipped; the old table is intact', async () => {
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
    const r = await runTsdbt(project.dir, ['run', '--vars', '{break: true}']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/ERROR creating sql table model main\.fragile/u);
    expect(r.stdout).toContain('Database Error in model fragile (models/fragile.sql)');
    expect(r.stdout).toContain('this_table_does_not_exist');
    expect(r.stdout).toMatch(/SKIP relation main\.after_fragile/u);
    expect(r.stdout).not.toMatch(/\n\s+at .*\.(ts|js):\d+/u);
    expect(await query(project.dir, 'select id, amount from main.fragile')).toEqual([[1, 100]]);
    const rr = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8'));
    const byId = Object.fromEntries(rr.results.map((x: { unique_id: string; status: string }) => [x.unique_id, x.status]));
    expect(byId).toEqual({ 'model.runner_failing.fragile': 'error', 'model.runner_failing.after_fragile': 'skipped', 'model.runner_failing.independent': 'success' });
  });

  it('a failing test with severity error fails the run; with severity warn it only warns', async () => {
    const failing = await runTsdbt(project.dir, ['test']);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toMatch(/FAIL 1 fails_on_answer/u);
    expect(failing.stdout).toMatch(/WARN 1 warns_on_answer/u);
    expect(failing.stdout).toContain('Done. PASS=0 WARN=1 ERROR=1 SKIP=0');
    const warning = await runTsdbt(project.dir, ['test', '--vars', '{fail_severity: warn}']);
    expect(warning.exitCode).toBe(0);
    expect(warning.stdout).toContain('Done. PASS=0 WARN=2 ERROR=0 SKIP=0');
  });

  it('--fail-fast stops at the first failure and skips what had not started', async () => {
    const r = await runTsdbt(project.dir, ['build', '--vars', '{break: true}', '--fail-fast', '--threads', '1']);
    expect(r.exitCode).toBe(1);
    const rr = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8'));
    const statuses = rr.results.map((x: { status: string }) => x.status);
    expect(statuses.filter((s: string) => s === 'error')).toHaveLength(1);
    expect(statuses.filter((s: string) => s === 'skipped').length).toBeGreaterThanOrEqual(3);
  });

  it('a failing on-run-start hook stops the run with a coded error naming dbt_project.yml', async () => {
    const other = copyFixture('runner-failing');
    try {
      const fs = await import('node:fs');
      const file = join(other.dir, 'dbt_project.yml');
      fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}on-run-start:\n  - "select * from no_such_hook_table"\n`);
      const r = await runTsdbt(other.dir, ['run']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('dbt_project.yml');
      expect(r.stderr).toContain('TSDBT_HOOK_FAILED');
      expect(r.stderr).toContain('no_such_hook_table');
      expect(r.stderr).not.toMatch(/\n\s+at /u);
    } finally {
      other.cleanup();
    }
  });

  it('a bad profile is a usage error (exit 2) naming the key, without a stack trace', async () => {
    const other = copyFixture('runner-failing');
    try {
      const fs = await import('node:fs');
      fs.writeFileSync(join(other.dir, 'profiles.yml'), 'runner_failing:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      threads: 0\n');
      const r = await runTsdbt(other.dir, ['run']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain("'threads' must be a positive integer");
      expect(r.stderr).not.toMatch(/\n\s+at /u);
      expect(existsSync(join(other.dir, 'dev.duckdb'))).toBe(false);
    } finally {
      other.cleanup();
    }
  });
});
