import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withEnv } from '../cli/global-flags-env.js';
import { copyFixture, queryWarehouse, runTsdbt } from './run-tsdbt.js';

const REL = 'test.runner_basic.relationships_stg_orders_customer_id__customer_id__ref_stg_customers_.430bf21500';
const STG_ORDERS_TESTS = ['test.runner_basic.accepted_values_stg_orders_status__completed__returned.5ce176340d', 'test.runner_basic.no_negative_amounts'];
const UNIT = 'unit_test.runner_basic.customers.customers_counts_orders';

/** run_results.json's unique_ids after the last command in `dir`. */
function ranIn(dir: string): string[] {
  return (JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results as { unique_id: string }[]).map((r) => r.unique_id);
}

/** The CLI in process on `dir`; a non-zero exit fails the test with what it printed. */
async function ok(dir: string, ...args: string[]) {
  const r = await runTsdbt(dir, args);
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  return r;
}

/** The relationships test on stg_orders also reads stg_customers: the case the modes disagree on. */
describe('--indirect-selection (build, test, compile, ls; $DBT_INDIRECT_SELECTION; selectors.yml)', () => {
  const project = copyFixture('runner-basic');
  const ran = (): string[] => ranIn(project.dir).sort();
  const tsdbt = (...args: string[]) => ok(project.dir, ...args);
  beforeAll(async () => {
    await tsdbt('seed');
    await tsdbt('run');
  });
  afterAll(() => project.cleanup());

  it('eager (the default) takes a test when any parent is selected; cautious only when all are', async () => {
    await tsdbt('test', '-s', 'stg_orders');
    expect(ran()).toEqual([...STG_ORDERS_TESTS, REL].sort());
    await tsdbt('test', '-s', 'stg_orders', '--indirect-selection', 'cautious');
    expect(ran()).toEqual(STG_ORDERS_TESTS);
    // A union brings the other parent: the waiting test is taken.
    await tsdbt('test', '-s', 'stg_orders', 'stg_customers', '--indirect-selection', 'cautious');
    expect(ran()).toContain(REL);
  });

  it('buildable takes a test whose other parents are upstream of the selection; empty takes none', async () => {
    await tsdbt('build', '-s', 'stg_orders', '--indirect-selection', 'buildable');
    expect(ran()).toEqual(['model.runner_basic.stg_orders', ...STG_ORDERS_TESTS].sort());
    // customers reads stg_customers and stg_orders: with it selected, the test's other parent is upstream.
    await tsdbt('test', '-s', 'stg_orders', 'customers', '--indirect-selection', 'buildable');
    expect(ran()).toContain(REL);
    await tsdbt('test', '-s', 'stg_orders', 'customers', '--indirect-selection', 'cautious');
    expect(ran()).not.toContain(REL);
    await tsdbt('build', '-s', 'stg_orders', '--indirect-selection', 'empty');
    expect(ran()).toEqual(['model.runner_basic.stg_orders']);
  });

  it('$DBT_INDIRECT_SELECTION applies when the flag is not given; the flag wins over it', async () => {
    await withEnv({ DBT_INDIRECT_SELECTION: 'empty' }, () => tsdbt('build', '-s', 'stg_orders'));
    expect(ran()).toEqual(['model.runner_basic.stg_orders']);
    await withEnv({ DBT_INDIRECT_SELECTION: 'empty' }, () => tsdbt('test', '-s', 'stg_orders', '--indirect-selection', 'eager'));
    expect(ran()).toContain(REL);
  });

  it("a selectors.yml criterion's indirect_selection overrides the flag", async () => {
    writeFileSync(join(project.dir, 'selectors.yml'), 'selectors:\n  - name: orders_cautious\n    definition:\n      method: fqn\n      value: stg_orders\n      indirect_selection: cautious\n');
    try {
      await tsdbt('test', '--selector', 'orders_cautious', '--indirect-selection', 'eager');
      expect(ran()).toEqual(STG_ORDERS_TESTS);
    } finally {
      writeFileSync(join(project.dir, 'selectors.yml'), 'selectors: []\n');
    }
  });

  it('compile and ls select tests the same way', async () => {
    const r = await tsdbt('ls', '-s', 'stg_orders', '--indirect-selection', 'cautious', '--output', 'name');
    expect(r.stdout).not.toContain('relationships_');
    expect((await tsdbt('ls', '-s', 'stg_orders', '--output', 'name')).stdout).toContain('relationships_');
    // Earlier commands compiled the relationships test: start from an empty folder.
    rmSync(join(project.dir, 'target', 'compiled'), { recursive: true, force: true });
    await tsdbt('compile', '-s', 'stg_orders', '--indirect-selection', 'cautious');
    const compiled = readdirSync(join(project.dir, 'target', 'compiled'), { recursive: true }).map(String);
    expect(compiled.some((f) => f.includes('accepted_values_stg_orders'))).toBe(true);
    expect(compiled.some((f) => f.includes('relationships_stg_orders'))).toBe(false);
  });

  it("dbt_project.yml's `flags: {indirect_selection: cautious}` applies below the flag and the variable", async () => {
    const file = join(project.dir, 'dbt_project.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original.trimEnd()}\nflags:\n  indirect_selection: cautious\n`);
    try {
      expect((await tsdbt('ls', '-s', 'stg_orders', '--output', 'name')).stdout).not.toContain('relationships_');
      expect((await tsdbt('ls', '-s', 'stg_orders', '--output', 'name', '--indirect-selection', 'eager')).stdout).toContain('relationships_');
      const env = await withEnv({ DBT_INDIRECT_SELECTION: 'eager' }, () => tsdbt('ls', '-s', 'stg_orders', '--output', 'name'));
      expect(env.stdout).toContain('relationships_');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('an unknown mode is a usage error naming the flag (or variable) and the allowed values', async () => {
    for (const command of ['build', 'test', 'run', 'compile', 'ls']) {
      const r = await runTsdbt(project.dir, [command, '-s', 'stg_orders', '--indirect-selection', 'careful']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('indirect-selection');
      expect(r.stderr).toMatch(/"eager", "cautious", "buildable", "empty"/u);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
    }
    const env = await withEnv({ DBT_INDIRECT_SELECTION: 'careful' }, () => runTsdbt(project.dir, ['build', '-s', 'stg_orders']));
    expect(env.exitCode).toBe(2);
    expect(env.stderr).toContain("$DBT_INDIRECT_SELECTION: 'careful' is not one of eager, cautious, buildable, empty");
    expect(env.stderr).not.toMatch(/\n\s+at /u);
  });
});

describe('--resource-type / --exclude-resource-type on build and test ($DBT_RESOURCE_TYPES, $DBT_EXCLUDE_RESOURCE_TYPES)', () => {
  const project = copyFixture('runner-basic');
  const ran = (): string[] => ranIn(project.dir);
  const types = (): string[] => [...new Set(ran().map((id) => id.split('.')[0]!))].sort();
  const tsdbt = (...args: string[]) => ok(project.dir, ...args);
  beforeAll(async () => {
    await tsdbt('seed');
  });
  afterAll(() => project.cleanup());

  it('build --exclude-resource-type test leaves data tests out and keeps the rest', async () => {
    await tsdbt('build', '--exclude-resource-type', 'test');
    expect(types()).toEqual(['model', 'seed', 'snapshot', 'unit_test']);
    await tsdbt('build', '--exclude-resource-type', 'test', 'unit_test', 'snapshot');
    expect(types()).toEqual(['model', 'seed']);
  });

  it('--resource-type is applied first, then --exclude-resource-type', async () => {
    await tsdbt('build', '--resource-type', 'model', 'test', 'snapshot', '--exclude-resource-type', 'snapshot');
    expect(types()).toEqual(['model', 'test']);
  });

  it('test --resource-type picks one kind of test; a type test does not run selects nothing', async () => {
    await tsdbt('test', '--resource-type', 'unit_test');
    expect(ran()).toEqual([UNIT]);
    await tsdbt('test', '--exclude-resource-type', 'unit_test');
    expect(types()).toEqual(['test']);
    const none = await tsdbt('test', '--resource-type', 'model');
    expect(none.stdout + none.stderr).toContain('Nothing to do');
  });

  it('the DBT_* variables apply when the flags are not given (space-separated, as click reads them)', async () => {
    await withEnv({ DBT_EXCLUDE_RESOURCE_TYPES: 'test unit_test' }, () => tsdbt('build', '-s', 'customers'));
    expect(ran()).toEqual(['model.runner_basic.customers']);
    await withEnv({ DBT_RESOURCE_TYPES: 'unit_test' }, () => tsdbt('build'));
    expect(ran()).toEqual([UNIT]);
    await withEnv({ DBT_RESOURCE_TYPES: 'unit_test' }, () => tsdbt('build', '-s', 'customers', '--resource-type', 'model'));
    expect(ran()).toEqual(['model.runner_basic.customers']);
    const ls = await withEnv({ DBT_EXCLUDE_RESOURCE_TYPES: 'test unit_test model' }, () => tsdbt('ls', '--output', 'name'));
    expect(ls.stdout).not.toContain('customers_unique');
    expect(ls.stdout).toContain('raw_customers');
  });

  it('an unknown type is a usage error naming the flag or variable', async () => {
    const r = await runTsdbt(project.dir, ['build', '--exclude-resource-type', 'tests']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('exclude-resource-type');
    expect(r.stderr).toContain('"unit_test"');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    const env = await withEnv({ DBT_RESOURCE_TYPES: 'model tests' }, () => runTsdbt(project.dir, ['build']));
    expect(env.exitCode).toBe(2);
    expect(env.stderr).toContain("$DBT_RESOURCE_TYPES: 'tests' is not one of");
  });
});

describe('--defer --favor-state ($DBT_FAVOR_STATE)', () => {
  const project = copyFixture('runner-basic');
  const tsdbt = (...args: string[]) => ok(project.dir, ...args);
  const state = join(project.dir, 'prod-state');
  beforeAll(async () => {
    // "Production": the dev target (schema main), every model built with rows; its manifest is the state.
    await tsdbt('seed');
    await tsdbt('run');
    mkdirSync(state);
    cpSync(join(project.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
  });
  afterAll(() => project.cleanup());
  beforeEach(async () => {
    // The ci target has its own stg_customers, with no rows; stg_orders and the seeds exist only in production.
    await tsdbt('run', '--target', 'ci', '-s', 'stg_customers', '--empty', '--defer', '--state', state);
    expect(await queryWarehouse(project.dir, 'select count(*) from ci.stg_customers')).toEqual([[0]]);
  });

  it('without --favor-state a parent this target has is read here; with it, from the state', async () => {
    await tsdbt('run', '--target', 'ci', '-s', 'customers', '--defer', '--state', state);
    expect(await queryWarehouse(project.dir, 'select count(*) from ci.customers')).toEqual([[0]]);
    await tsdbt('run', '--target', 'ci', '-s', 'customers', '--defer', '--state', state, '--favor-state');
    expect(await queryWarehouse(project.dir, 'select count(*) from ci.customers')).toEqual([[3]]);
  });

  it('a selected node is never deferred, even with --favor-state', async () => {
    const file = join(project.dir, 'models/staging/stg_customers.sql');
    const sql = readFileSync(file, 'utf8');
    writeFileSync(file, `${sql.trim()} where id = 1\n`);
    try {
      await tsdbt('run', '--target', 'ci', '-s', 'stg_customers', 'customers', '--defer', '--state', state, '--favor-state');
      // customers read this target's one-row stg_customers, not production's three rows.
      expect(await queryWarehouse(project.dir, 'select count(*) from ci.customers')).toEqual([[1]]);
    } finally {
      writeFileSync(file, sql);
    }
  });

  it('$DBT_FAVOR_STATE=true does the same; --no-favor-state wins over it', async () => {
    await withEnv({ DBT_FAVOR_STATE: 'true' }, () => tsdbt('build', '--target', 'ci', '-s', 'customers', '--defer', '--state', state, '--exclude-resource-type', 'test', 'unit_test'));
    expect(await queryWarehouse(project.dir, 'select count(*) from ci.customers')).toEqual([[3]]);
    await withEnv({ DBT_FAVOR_STATE: 'true' }, () => tsdbt('run', '--target', 'ci', '-s', 'customers', '--defer', '--state', state, '--no-favor-state'));
    expect(await queryWarehouse(project.dir, 'select count(*) from ci.customers')).toEqual([[0]]);
    const bad = await withEnv({ DBT_FAVOR_STATE: 'maybe' }, () => runTsdbt(project.dir, ['run', '--target', 'ci', '-s', 'customers', '--defer', '--state', state]));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("$DBT_FAVOR_STATE: 'maybe' is not a boolean");
  });
});
