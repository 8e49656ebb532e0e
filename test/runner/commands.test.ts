import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

describe('show, run-operation, source freshness', () => {
  const project = copyFixture('runner-basic');
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('show --select previews a compiled node as a readable table', async () => {
    const r = await runTsdbt(project.dir, ['show', '--select', 'stg_orders', '--limit', '2']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Previewing node 'stg_orders':");
    expect(r.stdout).toContain('| order_id | customer_id | order_date | status    | amount |');
    expect(r.stdout).toContain('|        2 |           3 | 2024-01-02 | completed |     20 |');
    expect(r.stdout).not.toContain('returned');
  });

  it('show --inline renders Jinja and prints JSON with --output json', async () => {
    const r = await runTsdbt(project.dir, ['show', '--inline', "select first_name from {{ ref('raw_customers') }} order by id", '--limit', '1', '--output', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ node: 'inline', show: [{ first_name: 'Michael' }] });
  });

  it('show without --select or --inline is a usage error', async () => {
    const r = await runTsdbt(project.dir, ['show']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_SHOW_USAGE');
  });

  it('run-operation calls a macro with --args and a live connection', async () => {
    const r = await runTsdbt(project.dir, ['run-operation', 'make_marker', '--args', '{name: op_marker}']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('made op_marker');
    const check = await runTsdbt(project.dir, ['show', '--inline', 'select marker from main.op_marker', '--output', 'json']);
    expect(JSON.parse(check.stdout).show).toEqual([{ marker: 1 }]);
  });

  it('source freshness grades each source and writes sources.json', async () => {
    const r = await runTsdbt(project.dir, ['source', 'freshness']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/WARN freshness of raw\.raw_orders/u);
    expect(r.stdout).toMatch(/ERROR STALE freshness of raw\.raw_customers/u);
    const file = JSON.parse(readFileSync(join(project.dir, 'target', 'sources.json'), 'utf8'));
    expect(file.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/sources/v3.json');
    const byId = Object.fromEntries(file.results.map((x: { unique_id: string; status: string }) => [x.unique_id, x.status]));
    expect(byId).toEqual({ 'source.runner_basic.raw.raw_orders': 'warn', 'source.runner_basic.raw.raw_customers': 'error' });
    expect(file.results[0].max_loaded_at_time_ago_in_s).toBeGreaterThan(86400);
  });
});

describe('retry', () => {
  const project = copyFixture('runner-failing');
  afterAll(() => project.cleanup());
  const lastArgs = (): Record<string, unknown> => JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).args;

  it('re-runs only what failed or was skipped, with the previous command and its --vars', async () => {
    expect((await runTsdbt(project.dir, ['run', '--vars', '{break: true}'])).exitCode).toBe(1);
    expect(lastArgs()).toMatchObject({ which: 'run', target: 'dev', vars: { break: true } });
    // The same --vars again (dbt's retry replays them): the same node fails.
    const same = await runTsdbt(project.dir, ['retry']);
    expect(same.exitCode).toBe(1);
    expect(same.stdout).toMatch(/ERROR creating sql table model main\.fragile/u);
    expect(same.stdout).toContain('TOTAL=2');
    // --vars given to retry override the previous ones, as in dbt.
    const r = await runTsdbt(project.dir, ['retry', '--vars', '{break: false}']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/OK created sql table model main\.fragile/u);
    expect(r.stdout).toMatch(/OK created sql table model main\.after_fragile/u);
    expect(r.stdout).not.toContain('main.independent');
    expect(r.stdout).toContain('TOTAL=2');
    const again = await runTsdbt(project.dir, ['retry']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Nothing to retry');
  });

  it('replays the previous --target and --full-refresh', async () => {
    writeFileSync(join(project.dir, 'profiles.yml'), `${readFileSync(join(project.dir, 'profiles.yml'), 'utf8')}    other:\n      type: duckdb\n      path: other.duckdb\n      threads: 1\n`);
    expect((await runTsdbt(project.dir, ['run', '--target', 'other', '--full-refresh', '--vars', '{break: true}'])).exitCode).toBe(1);
    rmSync(join(project.dir, 'dev.duckdb'), { force: true });
    const r = await runTsdbt(project.dir, ['retry', '--vars', '{break: false}']);
    expect(r.exitCode).toBe(0);
    expect(lastArgs()).toMatchObject({ which: 'run', target: 'other', full_refresh: true, vars: { break: false } });
    expect(existsSync(join(project.dir, 'other.duckdb'))).toBe(true);
    expect(existsSync(join(project.dir, 'dev.duckdb'))).toBe(false);
  });

  it('a cut-off run_results.json (a killed run) is a coded error, not an internal one', async () => {
    writeFileSync(join(project.dir, 'target', 'run_results.json'), '{"metadata": {}, "results": [');
    const r = await runTsdbt(project.dir, ['retry']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_RETRY_RESULTS_INVALID');
    expect(r.stderr).not.toContain('TSDBT_INTERNAL');
  });
});

describe('unit tests', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('a unit test whose expectation is wrong fails with the differing rows, and skips its model in build', async () => {
    const fs = await import('node:fs');
    const file = join(project.dir, 'models', 'schema.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('{customer_id: 1, order_count: 1, lifetime_value: 2}', '{customer_id: 1, order_count: 5, lifetime_value: 2}'));
    const r = await runTsdbt(project.dir, ['build']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/FAIL \d+ customers_counts_orders/u);
    expect(r.stdout).toContain('actual differs from expected');
    expect(r.stdout).toContain('- 1 | 5 | 2');
    expect(r.stdout).toContain('+ 1 | 1 | 2');
    expect(r.stdout).toMatch(/SKIP relation main\.customers/u);
  });
});

describe('snapshot', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('records a changed row as a new version on the next snapshot run', async () => {
    const fs = await import('node:fs');
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    const first = await runTsdbt(project.dir, ['snapshot']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/OK snapshotted snapshots\.customers_snapshot/u);
    const seed = join(project.dir, 'seeds', 'raw_customers.csv');
    fs.writeFileSync(seed, fs.readFileSync(seed, 'utf8').replace('Shawn', 'Shaun'));
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['snapshot'])).exitCode).toBe(0);
    const r = await runTsdbt(project.dir, ['show', '--inline', 'select id, first_name, dbt_valid_to is null as current from snapshots.customers_snapshot where id = 2 order by dbt_valid_from', '--output', 'json']);
    expect(JSON.parse(r.stdout).show).toEqual([
      { id: 2, first_name: 'Shawn', current: false },
      { id: 2, first_name: 'Shaun', current: true },
    ]);
  });
});

describe('snapshot with dbt_valid_to_current', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('gives current rows that dbt_valid_to instead of NULL, and still closes them on change', async () => {
    writeFileSync(
      join(project.dir, 'snapshots', 'customers_far.sql'),
      "{% snapshot customers_far %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols=['first_name'], dbt_valid_to_current=\"'9999-12-31'\") }}\nselect * from {{ ref('raw_customers') }}\n{% endsnapshot %}\n",
    );
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['snapshot', '--select', 'customers_far'])).exitCode).toBe(0);
    const seed = join(project.dir, 'seeds', 'raw_customers.csv');
    writeFileSync(seed, readFileSync(seed, 'utf8').replace('Shawn', 'Shaun'));
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['snapshot', '--select', 'customers_far'])).exitCode).toBe(0);
    const sql = "select id, first_name, cast(dbt_valid_to as date) = date '9999-12-31' as far, dbt_valid_to is null as open from snapshots.customers_far where id = 2 order by dbt_valid_from";
    const r = await runTsdbt(project.dir, ['show', '--inline', sql, '--output', 'json']);
    expect(JSON.parse(r.stdout).show).toEqual([
      { id: 2, first_name: 'Shawn', far: false, open: false },
      { id: 2, first_name: 'Shaun', far: true, open: false },
    ]);
    const nulls = await runTsdbt(project.dir, ['show', '--inline', 'select count(*) as n from snapshots.customers_far where dbt_valid_to is null', '--output', 'json']);
    expect(JSON.parse(nulls.stdout).show).toEqual([{ n: 0 }]);
  });
});

describe('the warehouse answers while a template renders', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('adapter.get_columns_in_relation, adapter.get_relation and run_query see the DuckDB database', async () => {
    const fs = await import('node:fs');
    fs.writeFileSync(
      join(project.dir, 'models', 'introspect.sql'),
      `{% set cols = adapter.get_columns_in_relation(ref('raw_customers')) %}
{% set rel = adapter.get_relation(database=target.database, schema='main', identifier='raw_orders') %}
{% if execute %}{% set n = run_query('select count(*) from ' ~ ref('raw_orders')).columns[0].values()[0] %}{% else %}{% set n = 0 %}{% endif %}
select {% for c in cols %}'{{ c.name }}' as col_{{ loop.index }}, {% endfor %}'{{ rel.identifier if rel else "none" }}' as rel, {{ n }} as n
`,
    );
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['run', '--select', 'introspect'])).exitCode).toBe(0);
    const r = await runTsdbt(project.dir, ['show', '--inline', 'select * from main.introspect', '--output', 'json']);
    expect(JSON.parse(r.stdout).show).toEqual([{ col_1: 'id', col_2: 'first_name', col_3: 'last_name', rel: 'raw_orders', n: 3 }]);
  });
});
