import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, queryWarehouse as query, runTsdbt } from './run-tsdbt.js';

const GOOD_CUSTOMERS = readFileSync(new URL('../fixtures/projects/contracts/models/customers.sql', import.meta.url), 'utf8');

// dbt's model contracts (dbt ≥ 1.5) as dbt-duckdb enforces them: a pre-flight check of names and types, then DDL
// with the constraints, built under a temporary name so a failed build leaves the old table.
describe('enforced model contracts (table, view, incremental)', () => {
  const project = copyFixture('contracts');
  const write = (file: string, text: string) => writeFileSync(join(project.dir, 'models', file), text);
  const run = (...args: string[]) => runTsdbt(project.dir, ['run', ...args]);
  const rows = () => query(project.dir, 'select id, name, amount from main.customers order by id');
  let first: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    first = await run();
  });
  afterAll(() => project.cleanup());

  it('a model that keeps its contract builds, with the contract’s columns and constraints in the table', async () => {
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('Done. PASS=4 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=4');
    expect(await rows()).toEqual([
      [1, 'Ann', '10.50'],
      [2, 'Bob', '3.25'],
    ]);
    const constraints = await query(project.dir, "select constraint_type from duckdb_constraints() where table_name = 'customers' order by 1");
    expect(constraints.map((r) => r[0])).toEqual(['CHECK', 'NOT NULL', 'PRIMARY KEY']);
    const columns = await query(project.dir, "select column_name, data_type from information_schema.columns where table_name = 'customers' order by ordinal_position");
    expect(columns).toEqual([
      ['id', 'INTEGER'],
      ['name', 'VARCHAR'],
      ['amount', 'DECIMAL(10,2)'],
    ]);
    const main = readFileSync(join(project.dir, 'target', 'run', 'contracts', 'models', 'customers.sql'), 'utf8');
    expect(main).toContain('"id" int not null primary key');
    expect(main).toContain('"amount" decimal(10,2) check (amount >= 0)');
    expect(main).toMatch(/insert into "dev"\."main"\."customers__dbt_tmp" \("id", "name", "amount"\)/u);
  });

  it('the manifest carries the contract (enforced, alias_types, checksum) and the constraints in dbt’s shape', () => {
    const manifest = JSON.parse(readFileSync(join(project.dir, 'target', 'manifest.json'), 'utf8'));
    const node = manifest.nodes['model.contracts.customers'];
    expect(node.contract).toEqual({ enforced: true, alias_types: true, checksum: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect(node.constraints).toEqual([]);
    expect(node.columns.id.constraints[0]).toEqual({ type: 'not_null', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] });
    expect(manifest.nodes['model.contracts.customer_names'].contract).toEqual({ enforced: false, alias_types: true, checksum: null });
  });

  it('a type mismatch, a missing and an extra column fail the model with dbt’s table; nothing is built and downstream is skipped', async () => {
    write('customers.sql', "select '1' as id, 'Ann' as name, 5 as extra\n");
    const r = await run();
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Compilation Error in model customers (models/customers.sql)');
    expect(r.stdout).toContain('This model has an enforced contract that failed.');
    expect(r.stdout).toContain("Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.");
    const table = [
      '| column_name | definition_type | contract_type | mismatch_reason       |',
      '| ----------- | --------------- | ------------- | --------------------- |',
      '| amount      |                 | DECIMAL(10,2) | missing in definition |',
      '| extra       | INTEGER         |               | missing in contract   |',
      '| id          | VARCHAR         | INTEGER       | data type mismatch    |',
    ];
    expect(r.stdout).toContain(table.map((l) => `  ${l}`).join('\n'));
    expect(r.stdout).toMatch(/SKIP relation main\.customer_names/u);
    expect(r.stdout).toMatch(/SKIP relation main\.customers_view/u);
    expect(r.stdout).toContain('Done. PASS=1 WARN=0 ERROR=1 SKIP=2');
    // The pre-flight check ran before anything was created: the old table is as it was, no temp table left.
    expect(await rows()).toEqual([
      [1, 'Ann', '10.50'],
      [2, 'Bob', '3.25'],
    ]);
    expect(await query(project.dir, "select count(*) from information_schema.tables where table_name like '%__dbt_tmp'")).toEqual([[0]]);
  });

  it('column names match case-insensitively, in any order', async () => {
    write('customers.sql', "select 'Cy' as NAME, cast(1 as decimal(10,2)) as Amount, 3 as ID\n");
    const r = await run('--select', 'customers');
    expect(r.exitCode, r.stdout).toBe(0);
    // Filled in the contract's column order.
    expect(await rows()).toEqual([[3, 'Cy', '1.00']]);
  });

  it('a NULL into a not_null column fails with the database’s message and leaves the old table intact', async () => {
    write('customers.sql', "select cast(null as int) as id, 'Ann' as name, cast(1 as decimal(10,2)) as amount\n");
    const r = await run('--select', 'customers');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Database Error in model customers (models/customers.sql)');
    expect(r.stdout).toContain('NOT NULL constraint failed');
    expect(await rows()).toEqual([[3, 'Cy', '1.00']]);
  });

  it('a duplicate primary key and a failed check fail the model the same way', async () => {
    write('customers.sql', "select 1 as id, 'A' as name, cast(1 as decimal(10,2)) as amount union all select 1, 'B', cast(2 as decimal(10,2))\n");
    const dup = await run('--select', 'customers');
    expect(dup.exitCode).toBe(1);
    expect(dup.stdout).toMatch(/PRIMARY KEY or UNIQUE constraint violation: duplicate key/u);
    write('customers.sql', "select 1 as id, 'A' as name, cast(-1 as decimal(10,2)) as amount\n");
    const check = await run('--select', 'customers');
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('CHECK constraint failed');
    expect(await rows()).toEqual([[3, 'Cy', '1.00']]);
  });

  it('a view’s contract is checked (names and types) and a drifted view is not replaced', async () => {
    write('customers.sql', GOOD_CUSTOMERS);
    expect((await run('--select', 'customers')).exitCode).toBe(0);
    write('customers_view.sql', "{{ config(materialized='view') }}\nselect cast(id as bigint) as id, name from {{ ref('customers') }}\n");
    const r = await run('--select', 'customers_view');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Compilation Error in model customers_view (models/customers_view.sql)');
    expect(r.stdout).toMatch(/\| id {10}\| BIGINT {10}\| INTEGER {7}\| data type mismatch \|/u);
    // Still the old view (upper-cased names).
    expect(await query(project.dir, 'select name from main.customers_view order by id')).toEqual([['ANN'], ['BOB']]);
  });

  it('an incremental model checks its contract on every run: the new rows of drifted SQL are not added', async () => {
    // Its first build created the table with the contract's constraints.
    expect(await query(project.dir, "select constraint_type from duckdb_constraints() where table_name = 'events'")).toEqual([['NOT NULL']]);
    expect((await run('--select', 'events')).exitCode).toBe(0);
    expect(await query(project.dir, 'select event_id, kind from main.events order by 1')).toEqual([
      [1, 'signup'],
      [2, 'login'],
    ]);
    write('events.sql', "{{ config(materialized='incremental', unique_key='event_id', on_schema_change='append_new_columns') }}\nselect 3 as event_id, 'x' as kind, 1 as extra\n");
    const r = await run('--select', 'events');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('This model has an enforced contract that failed.');
    expect(r.stdout).toMatch(/\| extra +\| INTEGER +\| +\| missing in contract +\|/u);
    expect(await query(project.dir, 'select count(*) from main.events')).toEqual([[2]]);
  });

  it('a contracted column without data_type fails the model with dbt’s message', async () => {
    const yml = readFileSync(join(project.dir, 'models', 'schema.yml'), 'utf8');
    writeFileSync(join(project.dir, 'models', 'schema.yml'), yml.replace('        data_type: text\n', ''));
    const r = await run('--select', 'customers');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      "Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the ['name'] column(s).",
    );
    writeFileSync(join(project.dir, 'models', 'schema.yml'), yml);
  });
});
