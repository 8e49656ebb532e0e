import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, queryWarehouse, runCliProcess, runTsdbt } from './run-tsdbt.js';

interface RunResults {
  args: Record<string, unknown>;
  results: { unique_id: string; status: string; message: string }[];
}

const CLONED = [
  'seed.runner_basic.raw_customers', 'seed.runner_basic.raw_orders', 'model.runner_basic.stg_customers', 'model.runner_basic.stg_orders',
  'snapshot.runner_basic.customers_snapshot', 'model.runner_basic.customers', 'model.runner_basic.orders_inc',
];

/**
 * dbt's `clone` on DuckDB (which cannot clone tables): the fixture's `dev` target (schema main) is "production", its
 * manifest.json the --state; `ci` (schema ci, same database file) is where the clone goes, as `select *` views.
 */
describe('tsdbt clone on DuckDB', () => {
  const project = copyFixture('runner-basic');
  const state = join(project.dir, 'prod-artifacts');
  const results = (): RunResults => JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')) as RunResults;
  const byId = (): Map<string, { status: string; message: string }> => new Map(results().results.map((r) => [r.unique_id, r]));
  const query = (sql: string) => queryWarehouse(project.dir, sql);
  const tableType = async (schema: string, name: string) =>
    (await query(`select table_type from information_schema.tables where table_schema = '${schema}' and table_name = '${name}'`))[0]?.[0];

  beforeAll(async () => {
    const build = await runTsdbt(project.dir, ['build']);
    expect(build.exitCode, build.stdout + build.stderr).toBe(0);
    mkdirSync(state);
    copyFileSync(join(project.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
  });
  afterAll(() => project.cleanup());

  it('makes every model, seed and snapshot of the state exist in the target as views over its relations, rows and all', async () => {
    const hookRuns = await query("select count(*) from main.run_log where event = 'end'");
    const r = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '--threads', '4']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(await query('select * from ci.customers order by customer_id')).toEqual(await query('select * from main.customers order by customer_id'));
    expect(await query('select count(*) from ci.raw_orders')).toEqual(await query('select count(*) from main.raw_orders'));
    for (const name of ['raw_customers', 'stg_orders', 'customers', 'orders_inc']) expect(await tableType('ci', name)).toBe('VIEW');
    // Tests and the ephemeral model are not cloned; everything else is, in DAG order.
    const out = results();
    expect(out.args.which).toBe('clone');
    expect(out.args.target).toBe('ci');
    expect(out.results.map((x) => x.unique_id).sort()).toEqual([...CLONED].sort());
    expect(out.results.every((x) => x.status === 'success')).toBe(true);
    expect(byId().get('model.runner_basic.customers')?.message).toBe('OK');
    // The snapshot's target_schema is the same in both targets: it is already there.
    expect(byId().get('snapshot.runner_basic.customers_snapshot')?.message).toBe('No-op');
    expect(r.stdout).toContain('Relation "dev"."snapshots"."customers_snapshot" already exists');
    // dbt's clone prints no START/OK line per node, and runs no on-run-start/on-run-end hooks.
    expect(r.stdout).not.toMatch(/ START /u);
    expect(r.stdout).toContain('Done. PASS=7 WARN=0 ERROR=0 SKIP=0');
    expect(await query("select count(*) from main.run_log where event = 'end'")).toEqual(hookRuns);
    expect(readFileSync(join(project.dir, 'target', 'run', 'runner_basic', 'models', 'marts', 'customers.sql'), 'utf8'))
      .toContain('select * from "dev"."main"."customers"');
  });

  it('leaves a relation that already exists alone, and replaces it with --full-refresh', async () => {
    await query('drop view ci.customers');
    await query('create table ci.customers as select 42 as local_only');
    const kept = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '-s', 'customers']);
    expect(kept.exitCode, kept.stdout + kept.stderr).toBe(0);
    expect(kept.stdout).toContain('Relation "dev"."ci"."customers" already exists');
    expect(byId().get('model.runner_basic.customers')).toMatchObject({ status: 'success', message: 'No-op' });
    expect(await query('select * from ci.customers')).toEqual([[42]]);

    const replaced = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '-s', 'customers', '--full-refresh']);
    expect(replaced.exitCode, replaced.stdout + replaced.stderr).toBe(0);
    expect(byId().get('model.runner_basic.customers')).toMatchObject({ status: 'success', message: 'OK' });
    expect(results().args.full_refresh).toBe(true);
    expect(await tableType('ci', 'customers')).toBe('VIEW');
    expect(await query('select count(*) from ci.customers')).toEqual(await query('select count(*) from main.customers'));
  });

  it('skips, with dbt\'s note, a node the state manifest does not have or has as ephemeral', async () => {
    const file = join(project.dir, 'models', 'marts', 'brand_new.sql');
    writeFileSync(file, "select 1 as id");
    try {
      const r = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '-s', 'brand_new']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('No relation found in state manifest for model.runner_basic.brand_new');
      expect(byId().get('model.runner_basic.brand_new')).toMatchObject({ status: 'success', message: 'No-op' });
      expect(await tableType('ci', 'brand_new')).toBeUndefined();
    } finally {
      rmSync(file);
    }
    // Ephemeral in the state's run: it has no relation there either.
    const ephemeralState = join(project.dir, 'ephemeral-state');
    mkdirSync(ephemeralState);
    const manifest = JSON.parse(readFileSync(join(state, 'manifest.json'), 'utf8')) as { nodes: Record<string, { config: Record<string, unknown> }> };
    manifest.nodes['model.runner_basic.stg_orders']!.config.materialized = 'ephemeral';
    writeFileSync(join(ephemeralState, 'manifest.json'), JSON.stringify(manifest));
    const r = await runTsdbt(project.dir, ['clone', '--state', ephemeralState, '--target', 'ci', '-s', 'stg_orders', '--full-refresh']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No relation found in state manifest for model.runner_basic.stg_orders');
    expect(byId().get('model.runner_basic.stg_orders')?.message).toBe('No-op');
  });

  it('fails a node whose state entry names no relation with a coded error, not a JavaScript one', async () => {
    const brokenState = join(project.dir, 'broken-state');
    mkdirSync(brokenState);
    const manifest = JSON.parse(readFileSync(join(state, 'manifest.json'), 'utf8')) as { nodes: Record<string, Record<string, unknown>> };
    for (const key of ['alias', 'name']) delete manifest.nodes['model.runner_basic.stg_orders']![key];
    writeFileSync(join(brokenState, 'manifest.json'), JSON.stringify(manifest));
    const r = await runTsdbt(project.dir, ['clone', '--state', brokenState, '--target', 'ci', '-s', 'stg_orders', '--full-refresh']);
    expect(r.exitCode).toBe(1);
    const failed = byId().get('model.runner_basic.stg_orders');
    expect(failed?.status).toBe('error');
    expect(failed?.message).toContain("The state manifest's model.runner_basic.stg_orders names no relation");
    expect(r.stdout + r.stderr).not.toMatch(/TypeError|Cannot read properties/u);
  });

  it('selects by --resource-type among models, seeds and snapshots only', async () => {
    const r = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '--resource-type', 'seed', 'test']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(results().results.map((x) => x.unique_id).sort()).toEqual(['seed.runner_basic.raw_customers', 'seed.runner_basic.raw_orders']);
  });

  it('fails a node whose state relation is gone (exit 1, children skipped), and retry clones again', async () => {
    await query('drop view main.stg_customers');
    const r = await runTsdbt(project.dir, ['clone', '--state', state, '--target', 'ci', '-s', 'stg_customers+', '--full-refresh']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    const failed = byId().get('model.runner_basic.stg_customers');
    expect(failed?.status).toBe('error');
    expect(failed?.message).toContain('Database Error in model stg_customers');
    expect(failed?.message).toMatch(/stg_customers/u);
    expect(byId().get('model.runner_basic.customers')?.status).toBe('skipped');
    expect(r.stdout).toContain('Completed with 1 error');
    expect(results().args.which).toBe('clone');
    // The failed clone rolled back: the view it would have replaced is still there.
    expect(await tableType('ci', 'stg_customers')).toBe('VIEW');

    await query('create view main.stg_customers as select id as customer_id, first_name, last_name from main.raw_customers');
    const again = await runTsdbt(project.dir, ['retry']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(results().args.which).toBe('clone');
    // Printed as `tsdbt clone` prints: no START/OK line per node, then the summary.
    expect(again.stdout).not.toMatch(/ START | OK created /u);
    expect(again.stdout).toContain('Done. PASS=2 WARN=0 ERROR=0 SKIP=0');
    expect(results().results.map((x) => [x.unique_id, x.status, x.message])).toEqual([
      ['model.runner_basic.stg_customers', 'success', 'OK'],
      ['model.runner_basic.customers', 'success', 'OK'],
    ]);
    expect(await query('select count(*) from ci.customers')).toEqual(await query('select count(*) from main.customers'));
  });

  it('runs a model\'s pre- and post-hooks around the view it makes, as dbt\'s view materialization does, and not on a no-op', async () => {
    const file = join(project.dir, 'models', 'hooked.sql');
    writeFileSync(file, [
      "{{ config(materialized='table', pre_hook=\"insert into main.run_log values ('pre {{ this.schema }}.{{ this.identifier }}')\",",
      "          post_hook=\"insert into main.run_log values ('post ' || (select count(*) from {{ this }}))\") }}",
      'select 1 as id',
    ].join('\n'));
    const hookedState = join(project.dir, 'hooked-state');
    try {
      const built = await runTsdbt(project.dir, ['run', '-s', 'hooked']);
      expect(built.exitCode, built.stdout + built.stderr).toBe(0);
      mkdirSync(hookedState);
      copyFileSync(join(project.dir, 'target', 'manifest.json'), join(hookedState, 'manifest.json'));
      await query("delete from main.run_log where event <> 'end'");
      const r = await runTsdbt(project.dir, ['clone', '--state', hookedState, '--target', 'ci', '-s', 'hooked']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(await tableType('ci', 'hooked')).toBe('VIEW');
      // The post-hook reads the view the clone made.
      expect(await query("select event from main.run_log where event <> 'end' order by rowid")).toEqual([['pre ci.hooked'], ['post 1']]);
      // Already there: dbt's materialization returns before any hook.
      const again = await runTsdbt(project.dir, ['clone', '--state', hookedState, '--target', 'ci', '-s', 'hooked']);
      expect(again.exitCode, again.stdout + again.stderr).toBe(0);
      expect(byId().get('model.runner_basic.hooked')?.message).toBe('No-op');
      expect(await query("select count(*) from main.run_log where event <> 'end'")).toEqual([[2]]);
    } finally {
      rmSync(file);
    }
  });

  it('needs --state with a manifest.json: dbt\'s error as a usage error (exit 2)', async () => {
    const none = await runTsdbt(project.dir, ['clone', '--target', 'ci']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('TSDBT_CLONE_NEEDS_STATE');
    expect(none.stderr).toContain('--state or --defer-state are required for deferral, but neither was provided');

    const resultsOnly = join(project.dir, 'results-only');
    mkdirSync(resultsOnly);
    copyFileSync(join(project.dir, 'target', 'run_results.json'), join(resultsOnly, 'run_results.json'));
    const noManifest = await runTsdbt(project.dir, ['clone', '--target', 'ci', '--state', resultsOnly]);
    expect(noManifest.exitCode).toBe(2);
    expect(noManifest.stderr).toContain(`Could not find manifest in --state path: "${resultsOnly}"`);

    // dbt's --defer-state names the manifest to clone from as well (and wins over --state).
    const deferState = await runTsdbt(project.dir, ['clone', '--target', 'ci', '--state', resultsOnly, '--defer-state', state, '-s', 'raw_orders']);
    expect(deferState.exitCode, deferState.stdout + deferState.stderr).toBe(0);
    expect(deferState.stdout).toContain('Relation "dev"."ci"."raw_orders" already exists');
    const help = await runCliProcess(['clone', '--help'], 30_000);
    expect(help.code).toBe(0);
    expect(help.out).toContain('clone --state prod-artifacts/ --full-refresh');
  });
});
