import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryWarehouse, runTsdbt } from './run-tsdbt.js';

/** A small DuckDB project: one table with two negative amounts, and tests that find them. */
const FILES: Record<string, string> = {
  'dbt_project.yml': "name: audit_shop\nversion: '1.0'\nconfig-version: 2\nprofile: audit_shop\nmodels:\n  audit_shop:\n    +materialized: table\n",
  'profiles.yml': 'audit_shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 2\n',
  'models/orders.sql': 'select * from (values (1, 10), (2, -5), (3, -7)) t(id, amount)',
  'models/schema.yml':
    'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n' +
    // store_failures_as alone turns store_failures on (dbt's TestConfig): not_null then keeps whole rows, not the column.
    '  - name: people\n    columns:\n      - name: name\n        data_tests:\n          - not_null:\n              config: {store_failures_as: table}\n',
  'models/people.sql': "select * from (values (1, 'ann'), (2, null)) t(id, name)",
  'tests/negative_amounts.sql': "select * from {{ ref('orders') }} where amount < 0",
  // The test's own config wins over the flag, both ways.
  'tests/never_stored.sql': "{{ config(store_failures=false) }}\nselect * from {{ ref('orders') }} where amount < 0",
  'tests/as_view.sql': "{{ config(store_failures_as='view') }}\nselect * from {{ ref('orders') }} where amount < 0",
  'tests/limited.sql': "{{ config(limit=1) }}\nselect * from {{ ref('orders') }} where amount < 0",
  // dbt's audit schema is the test's schema: a `schema` config moves it.
  'tests/elsewhere.sql': "{{ config(schema='qa', store_failures=true) }}\nselect * from {{ ref('orders') }} where amount < -6",
  'tests/reads_flag.sql': "select {{ 1 if flags.STORE_FAILURES else 0 }} as flag where false",
  // A singular test in a folder: its audit table is named for the test (dbt's alias), not for its path.
  'tests/checks/in_folder.sql': "select * from {{ ref('orders') }} where amount < -6",
};

interface RunResults {
  args: Record<string, unknown>;
  results: { unique_id: string; status: string; failures: number | null; relation_name: string | null }[];
}

const AUDIT = 'main_dbt_test__audit';

describe('--store-failures on test and build', () => {
  let dir = '';
  const query = (sql: string) => queryWarehouse(dir, sql);
  const stored = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await query(`select table_name, table_type from information_schema.tables where table_schema = '${AUDIT}' order by 1`)) as [string, string][]);
  const results = (): RunResults => JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as RunResults;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-store-failures-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores every test\'s failing rows in <schema>_dbt_test__audit.<test name>, unless its config says otherwise', async () => {
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
    const r = await runTsdbt(dir, ['test', '--store-failures']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(await stored()).toEqual({
      as_view: 'VIEW', in_folder: 'BASE TABLE', limited: 'BASE TABLE', negative_amounts: 'BASE TABLE', not_null_orders_id: 'BASE TABLE',
      not_null_people_name: 'BASE TABLE', reads_flag: 'BASE TABLE',
    });
    expect(await query(`select id from ${AUDIT}.in_folder`)).toEqual([[3]]);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { alias: string }> };
    expect(manifest.nodes['test.audit_shop.in_folder']?.alias).toBe('in_folder');
    expect(await query(`select id, amount from ${AUDIT}.negative_amounts order by id`)).toEqual([[2, -5], [3, -7]]);
    expect(await query(`select count(*) from ${AUDIT}.not_null_orders_id`)).toEqual([[0]]);
    // dbt stores the rows up to `limit` and counts what it stored.
    expect(await query(`select count(*) from ${AUDIT}.limited`)).toEqual([[1]]);
    const byId = new Map(results().results.map((x) => [x.unique_id.split('.')[2], x]));
    expect(byId.get('limited')?.failures).toBe(1);
    expect(byId.get('negative_amounts')).toMatchObject({ status: 'fail', failures: 2 });
    // run_results.json names the audit relation of a test that stores its failures, as dbt's does; none otherwise.
    expect(byId.get('negative_amounts')?.relation_name).toBe('"dev"."main_dbt_test__audit"."negative_amounts"');
    expect(byId.get('never_stored')?.relation_name).toBeNull();
    // flags.STORE_FAILURES is what the flag says.
    expect(readFileSync(join(dir, 'target', 'compiled', 'audit_shop', 'tests', 'reads_flag.sql'), 'utf8')).toContain('select 1 as flag');
    expect(results().args.store_failures).toBe(true);
    // dbt's summary points at the stored rows of each failed test (CheckNodeTestFailure), not at a test that stores none.
    const query1 = 'select * from "dev"."main_dbt_test__audit"."negative_amounts"';
    expect(r.stdout).toContain(`  See test failures:\n  ${'-'.repeat(query1.length)}\n  ${query1}\n  ${'-'.repeat(query1.length)}`);
    expect(r.stdout).toContain('select * from "dev"."main_dbt_test__audit"."in_folder"');
    expect(r.stdout).not.toContain('never_stored"');
  });

  it('stores nothing without the flag but what a test configures', async () => {
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
    const r = await runTsdbt(dir, ['test']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(await stored()).toEqual({ as_view: 'VIEW', not_null_people_name: 'BASE TABLE' });
    expect(await query(`select * from ${AUDIT}.not_null_people_name`)).toEqual([[2, null]]);
    const config = (JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { name: string; config: Record<string, unknown> }> }).nodes;
    const byName = new Map(Object.values(config).map((n) => [n.name, n.config]));
    expect(byName.get('not_null_people_name')).toMatchObject({ store_failures: true, store_failures_as: 'table' });
    expect(byName.get('never_stored')).toMatchObject({ store_failures: false, store_failures_as: 'ephemeral' });
    expect(await query('select id from main_qa.elsewhere')).toEqual([[3]]);
    expect(results().args.store_failures).toBe(false);
    expect(r.stdout).toContain('select * from "dev"."main_dbt_test__audit"."as_view"');
    expect(r.stdout).toContain('select * from "dev"."main_qa"."elsewhere"');
    expect(r.stdout).not.toContain('"negative_amounts"');
    expect(readFileSync(join(dir, 'target', 'compiled', 'audit_shop', 'tests', 'reads_flag.sql'), 'utf8')).toContain('select 0 as flag');
  });

  it('reads $DBT_STORE_FAILURES when the flag is not given, and build --store-failures stores as test does', async () => {
    process.env.DBT_STORE_FAILURES = 'true';
    try {
      const r = await runTsdbt(dir, ['build', '-s', 'orders', 'negative_amounts', '--indirect-selection', 'empty']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    } finally {
      delete process.env.DBT_STORE_FAILURES;
    }
    expect(Object.keys(await stored())).toEqual(['negative_amounts']);
    await query(`drop schema ${AUDIT} cascade`);
    const build = await runTsdbt(dir, ['build', '--store-failures']);
    expect(build.exitCode, build.stdout + build.stderr).toBe(1);
    expect(await query(`select count(*) from ${AUDIT}.negative_amounts`)).toEqual([[2]]);
    expect(results().args).toMatchObject({ which: 'build', store_failures: true });
  });

  it('replaces what an earlier run stored, whatever it was, and retry stores again as the run it retries', async () => {
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
    await query(`create schema ${AUDIT}`);
    await query(`create view ${AUDIT}.negative_amounts as select 'stale' as note`);
    expect((await runTsdbt(dir, ['test', '--store-failures', '-s', 'negative_amounts'])).exitCode).toBe(1);
    expect(await query(`select count(*) from ${AUDIT}.negative_amounts`)).toEqual([[2]]);

    await query(`drop schema ${AUDIT} cascade`);
    const again = await runTsdbt(dir, ['retry']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(1);
    expect(results().args).toMatchObject({ which: 'test', store_failures: true });
    expect(await query(`select count(*) from ${AUDIT}.negative_amounts`)).toEqual([[2]]);
  });
});
