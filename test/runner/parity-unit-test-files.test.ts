import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

// dbt 1.8+ runs a unit test as a node whose path is get_pseudo_test_path(name, yml): `models/<name>.sql`, written
// under its YAML file's path (get_target_write_path), so target/{compiled,run}/<pkg>/models/schema.yml/models/<name>.sql.
const REL = 'runner_basic/models/schema.yml/models/customers_counts_orders.sql';

describe('a unit test writes target/compiled and target/run files, as dbt does', () => {
  const project = copyFixture('runner-basic');
  const read = (rel: string): string => readFileSync(join(project.dir, rel), 'utf8');
  let r: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    // The fixtures take their column types from the warehouse relations: seed and build the inputs first.
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
    expect((await runTsdbt(project.dir, ['run', '--select', 'stg_customers', 'stg_orders'])).exitCode).toBe(0);
    r = await runTsdbt(project.dir, ['test', '--select', 'test_type:unit']);
  }, 120_000);
  afterAll(() => project.cleanup());

  it('compiled: the tested model over its given rows', () => {
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const sql = read(`target/compiled/${REL}`);
    expect(sql).toContain('count(o.order_id) as order_count');
    // The refs are the fixtures, not the warehouse relations.
    expect(sql).toContain(`cast('completed' as VARCHAR) as "status"`);
    expect(sql).not.toContain('"dev"."main"."stg_orders"');
  });

  it('run: the statement that ran, the compiled SQL inside it', () => {
    const ran = read(`target/run/${REL}`);
    expect(ran).toMatch(/^select "customer_id", "order_count", "lifetime_value" from \(/u);
    expect(ran).toContain(') dbt_internal_unit_test_actual');
    expect(ran).toContain(read(`target/compiled/${REL}`).replace(/[\s;]+$/u, ''));
  });

  it("no file at the YAML file's own path, and the manifest's unit test gets no build_path (dbt's has none)", () => {
    expect(existsSync(join(project.dir, 'target/compiled/runner_basic/models/schema.yml/customers_counts_orders.sql'))).toBe(false);
    const manifest = JSON.parse(read('target/manifest.json')) as { unit_tests: Record<string, Record<string, unknown>> };
    expect(manifest.unit_tests['unit_test.runner_basic.customers.customers_counts_orders']).not.toHaveProperty('build_path');
  });

  it("leaves the tested model's own compiled_code in the manifest alone (dbt-core #9608)", () => {
    const manifest = JSON.parse(read('target/manifest.json')) as { nodes: Record<string, { compiled_code?: string | null }> };
    const code = manifest.nodes['model.runner_basic.customers']!.compiled_code ?? '';
    expect(code).not.toContain(`cast('completed' as VARCHAR)`);
  });
});
