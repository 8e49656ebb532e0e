import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runCliProcess, runTsdbt } from './run-tsdbt.js';

const read = (dir: string, rel: string): string => readFileSync(join(dir, rel), 'utf8');
const compiled = (pkg: string, rel: string): string => `target/compiled/${pkg}/${rel}`;
const run = (pkg: string, rel: string): string => `target/run/${pkg}/${rel}`;

describe('run/build write target/compiled and target/run per node, as dbt does', () => {
  const project = copyFixture('runner-basic');
  const p = (rel: string): string => join(project.dir, rel);
  let firstIncremental = '';
  let build: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    build = await runTsdbt(project.dir, ['build']);
    firstIncremental = read(project.dir, run('runner_basic', 'models/marts/orders_inc.sql'));
  }, 120_000);
  afterAll(() => project.cleanup());

  it('a view: compiled SQL, and the create view that ran', () => {
    expect(build.exitCode, build.stdout + build.stderr).toBe(0);
    const sql = read(project.dir, compiled('runner_basic', 'models/staging/stg_customers.sql'));
    expect(sql.trim()).toBe('select id as customer_id, first_name, last_name from "dev"."main"."raw_customers"');
    const ran = read(project.dir, run('runner_basic', 'models/staging/stg_customers.sql'));
    expect(ran).toMatch(/^create or replace view "dev"\."main"\."stg_customers" as \(/u);
    expect(ran).toContain(sql.trim());
  });

  it('a table: the create-table-as of the staged relation, ephemeral CTEs inlined in both files', () => {
    const sql = read(project.dir, compiled('runner_basic', 'models/marts/customers.sql'));
    expect(sql).toContain('__dbt__cte__order_statuses');
    const ran = read(project.dir, run('runner_basic', 'models/marts/customers.sql'));
    expect(ran).toMatch(/^create table "dev"\."main"\."customers__dbt_tmp" as/u);
    expect(ran).toContain(sql.trim());
    // An ephemeral model never runs: no file of its own.
    expect(existsSync(p(run('runner_basic', 'models/staging/order_statuses.sql')))).toBe(false);
  });

  it("the manifest written after the run gives each node's run file as build_path, as dbt's does", () => {
    const nodes = (JSON.parse(read(project.dir, 'target/manifest.json')) as { nodes: Record<string, { build_path?: string | null }> }).nodes;
    expect(nodes['model.runner_basic.stg_customers']!.build_path).toBe(run('runner_basic', 'models/staging/stg_customers.sql'));
    expect(nodes['seed.runner_basic.raw_customers']!.build_path).toBe(run('runner_basic', 'seeds/raw_customers.csv'));
    expect(nodes['model.runner_basic.order_statuses']!.build_path ?? null).toBeNull();
  });

  it('a test: compiled is the failing-rows query, run is it wrapped as dbt get_test_sql does; generic tests under their YAML path', () => {
    const rel = 'models/schema.yml/unique_customers_customer_id.sql';
    const sql = read(project.dir, compiled('runner_basic', rel));
    expect(sql).not.toContain('dbt_internal_test');
    const ran = read(project.dir, run('runner_basic', rel));
    expect(ran).toMatch(/^select\n {2}count\(\*\) as failures,/u);
    expect(ran).toContain(') dbt_internal_test');
    expect(ran).toContain(sql.replace(/\s+$/u, ''));
    expect(existsSync(p(run('runner_basic', 'tests/no_negative_amounts.sql')))).toBe(true);
  });

  it('a seed and a snapshot: a run file, no compiled file (dbt writes none for them)', () => {
    const seed = read(project.dir, run('runner_basic', 'seeds/raw_customers.csv'));
    expect(seed).toMatch(/^create table "dev"\."main"\."raw_customers__dbt_tmp" \("id" INTEGER, "first_name" VARCHAR, "last_name" VARCHAR\);\n-- dbt seed --\n/u);
    expect(existsSync(p(compiled('runner_basic', 'seeds/raw_customers.csv')))).toBe(false);
    expect(read(project.dir, run('runner_basic', 'snapshots/customers_snapshot.sql'))).toMatch(/^create table "dev"\."snapshots"\."customers_snapshot"/u);
    expect(existsSync(p(compiled('runner_basic', 'snapshots/customers_snapshot.sql')))).toBe(false);
  });

  it('an incremental: create table the first time, its delete+insert on the second run', async () => {
    expect(firstIncremental).toMatch(/^create table "dev"\."main"\."orders_inc__dbt_tmp" as/u);
    const again = await runTsdbt(project.dir, ['run', '--select', 'orders_inc']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    const ran = read(project.dir, run('runner_basic', 'models/marts/orders_inc.sql'));
    expect(ran).toMatch(/^delete from "dev"\."main"\."orders_inc"\nwhere/u);
    expect(ran).toContain(';\ninsert into "dev"."main"."orders_inc" ("order_id", "customer_id", "status", "amount")');
    expect(read(project.dir, compiled('runner_basic', 'models/marts/orders_inc.sql'))).toContain('where order_id >= (select max(order_id) from "dev"."main"."orders_inc")');
  }, 60_000);
});

describe('failed nodes', () => {
  const project = copyFixture('runner-failing');
  afterAll(() => project.cleanup());

  it('a database error: both files, the run file holding the statement that failed; nothing for what was skipped or did not compile', async () => {
    writeFileSync(join(project.dir, 'models', 'no_compile.sql'), "{% if execute %}{{ exceptions.raise_compiler_error('boom') }}{% endif %}\nselect 1 as id\n");
    const r = await runTsdbt(project.dir, ['run', '--vars', '{break: true}']);
    expect(r.exitCode).toBe(1);
    expect(read(project.dir, compiled('runner_failing', 'models/fragile.sql'))).toContain('from this_table_does_not_exist');
    expect(read(project.dir, run('runner_failing', 'models/fragile.sql'))).toMatch(/^create table "dev"\."main"\."fragile__dbt_tmp" as \(\n[\s\S]*this_table_does_not_exist/u);
    expect(existsSync(join(project.dir, compiled('runner_failing', 'models/after_fragile.sql')))).toBe(false);
    expect(existsSync(join(project.dir, run('runner_failing', 'models/after_fragile.sql')))).toBe(false);
    expect(r.stdout + r.stderr).toContain('boom');
    expect(existsSync(join(project.dir, compiled('runner_failing', 'models/no_compile.sql')))).toBe(false);
    expect(existsSync(join(project.dir, run('runner_failing', 'models/no_compile.sql')))).toBe(false);
    expect(read(project.dir, run('runner_failing', 'models/independent.sql'))).toContain('select 42 as answer');
  }, 60_000);
});

// Under /proc, mkdir answers ENOENT although the parent exists: Node 20's recursive mkdir loops there forever.
describe.skipIf(!existsSync('/proc/self'))('a target path that cannot be created', () => {
  const project = copyFixture('runner-failing');
  afterAll(() => project.cleanup());

  it('warns TSDBT_WRITE_FAILED for the node files and exits 1 instead of hanging', async () => {
    appendFileSync(join(project.dir, 'dbt_project.yml'), 'target-path: /proc/tsdbt-nope/target\n');
    const r = await runCliProcess(['run', '--project-dir', project.dir, '--profiles-dir', project.dir], 45_000);
    expect(r.killed, r.out).toBe(false);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('[WARNING] TSDBT_WRITE_FAILED');
    expect(r.out).toContain("mkdir '/proc/tsdbt-nope'");
    expect(r.out).toContain('OK created sql table model main.independent');
  }, 60_000);

  it('compile and parse report the folder they cannot make, with exit 1, instead of hanging', async () => {
    if (!read(project.dir, 'dbt_project.yml').includes('target-path:')) appendFileSync(join(project.dir, 'dbt_project.yml'), 'target-path: /proc/tsdbt-nope/target\n');
    for (const command of ['compile', 'parse']) {
      const r = await runCliProcess([command, '--project-dir', project.dir, '--profiles-dir', project.dir], 45_000);
      expect(r.killed, r.out).toBe(false);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain('/proc/tsdbt-nope');
      expect(r.out).not.toMatch(/\n\s+at /);
    }
  }, 100_000);
});
