import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { copyFixture, runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

const GOOD_CUSTOMERS = readFileSync(new URL('../fixtures/projects/contracts/models/customers.sql', import.meta.url), 'utf8');
const NOT_ENFORCED =
  "The constraint type primary_key is not enforced by snowflake. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data.";
const NOT_SUPPORTED = "The constraint type check is not supported by snowflake, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.";

// The contracts fixture on the Snowflake target, through the real CLI, snowflake-sdk and the stand-in: dbt-snowflake's
// contracted DDL (`create or replace transient table t (<columns>) as (…)`), NOT NULL enforced, keys declared but not
// enforced, CHECK left out of the DDL.
describe('enforced model contracts on Snowflake (stand-in)', () => {
  const project = copyFixture('contracts');
  const write = (file: string, text: string) => writeFileSync(join(project.dir, 'models', file), text);
  const run = (...args: string[]) => runTsdbt(project.dir, ['run', ...args]);
  let standIn: SnowflakeStandIn;
  let sf: Connection;
  let first: Awaited<ReturnType<typeof runTsdbt>>;
  const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'cdb', warehouse: 'wh', schema: 'analytics', threads: 2, host: '127.0.0.1', port: standIn.port, protocol: 'http' });
  const query = async (sql: string) => (await sf.execute(sql)).rows;
  const rows = () => query('select id, name, amount from cdb.analytics.customers order by id, name');

  beforeAll(async () => {
    standIn = await startStandIn();
    writeFileSync(join(project.dir, 'profiles.yml'), stringify({ contracts: { target: 'sf', outputs: { sf: output() } } }));
    sf = await adapter.connect(adapter.parseConfig(output(), 'sf', { projectDir: '.' }));
    first = await run();
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn: sf });
    project.cleanup();
  });

  it('a model that keeps its contract builds with its columns, NOT NULL and the declared keys; the check is left out', async () => {
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('Done. PASS=4 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=4');
    expect(await rows()).toEqual([
      [1, 'Ann', 10.5],
      [2, 'Bob', 3.25],
    ]);
    const main = readFileSync(join(project.dir, 'target', 'run', 'contracts', 'models', 'customers.sql'), 'utf8');
    expect(main).toMatch(/^create or replace transient table cdb\.analytics\.CUSTOMERS__dbt_tmp \(\n {4}id int not null primary key,\n {4}name text,\n {4}amount decimal\(10,2\)\n\) as \(/u);
    expect(main).not.toContain('check');
    const described = await query('describe table cdb.analytics.customers');
    expect(described.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['ID', 'NUMBER(38,0)', 'N'],
      ['NAME', 'VARCHAR(16777216)', 'Y'],
      ['AMOUNT', 'NUMBER(10,2)', 'Y'],
    ]);
  });

  it("prints dbt's ConstraintNotEnforced for the primary key and ConstraintNotSupported for the check", () => {
    expect(first.stdout).toContain(NOT_ENFORCED);
    expect(first.stdout).toContain(NOT_SUPPORTED);
  });

  it("a type mismatch, a missing and an extra column fail the model with dbt-snowflake's table (Snowflake's type codes)", async () => {
    write('customers.sql', "select '1' as id, 'Ann' as name, 5 as extra\n");
    const r = await run();
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Compilation Error in model customers (models/customers.sql)');
    expect(r.stdout).toContain('This model has an enforced contract that failed.');
    const table = [
      '| column_name | definition_type | contract_type | mismatch_reason       |',
      '| ----------- | --------------- | ------------- | --------------------- |',
      '| AMOUNT      |                 | FIXED         | missing in definition |',
      '| EXTRA       | FIXED           |               | missing in contract   |',
      '| ID          | TEXT            | FIXED         | data type mismatch    |',
    ];
    expect(r.stdout).toContain(table.map((l) => `  ${l}`).join('\n'));
    expect(r.stdout).toContain('Done. PASS=1 WARN=0 ERROR=1 SKIP=2');
    expect(await rows()).toEqual([
      [1, 'Ann', 10.5],
      [2, 'Bob', 3.25],
    ]);
  });

  it('names match case-insensitively and in any order; any NUMBER(p,s) meets an int contract (Snowflake type codes, as dbt-snowflake)', async () => {
    // On Snowflake `select 1` is NUMBER(1,0) and `cast(null as int)` NUMBER(38,0): both FIXED to dbt-snowflake.
    write('customers.sql', "select 'Cy' as NAME, cast(1 as decimal(10,2)) as Amount, cast(3 as number(5,0)) as ID\n");
    const r = await run('--select', 'customers');
    expect(r.exitCode, r.stdout).toBe(0);
    expect(await rows()).toEqual([[3, 'Cy', 1]]);
    expect(await query('describe table cdb.analytics.customers')).toEqual(expect.arrayContaining([expect.arrayContaining(['ID', 'NUMBER(38,0)'])]));
    write('customers.sql', GOOD_CUSTOMERS);
    expect((await run('--select', 'customers')).exitCode).toBe(0);
  });

  it('a NULL into a NOT NULL column fails with Snowflake’s error; the old table is intact and nothing is left behind', async () => {
    write('customers.sql', "select cast(null as int) as id, 'Ann' as name, cast(1 as decimal(10,2)) as amount\n");
    const r = await run('--select', 'customers');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Database Error in model customers (models/customers.sql)');
    expect(r.stdout).toContain('NULL result in a non-nullable column');
    expect(await rows()).toEqual([
      [1, 'Ann', 10.5],
      [2, 'Bob', 3.25],
    ]);
    expect(await query("show terse objects like '%DBT_TMP%' in schema cdb.analytics")).toEqual([]);
  });

  it('a duplicate primary key loads (Snowflake does not enforce it), with the warning; so does a row the check would refuse', async () => {
    write('customers.sql', "select 1 as id, 'A' as name, cast(1 as decimal(10,2)) as amount union all select 1, 'B', cast(-2 as decimal(10,2))\n");
    const r = await run('--select', 'customers');
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain(NOT_ENFORCED);
    expect(await rows()).toEqual([
      [1, 'A', 1],
      [1, 'B', -2],
    ]);
  });

  it('the contracted incremental model merges its new rows on the next run', async () => {
    write('customers.sql', GOOD_CUSTOMERS);
    const r = await run('--select', 'events');
    expect(r.exitCode, r.stdout).toBe(0);
    expect(await query('select event_id, kind from cdb.analytics.events order by 1')).toEqual([
      [1, 'signup'],
      [2, 'login'],
    ]);
  });
});

const KEYS_SCHEMA = `version: 2
models:
  - name: parents
    config:
      contract: {enforced: true}
    constraints:
      - type: primary_key
        columns: [id]
    columns:
      - name: id
        data_type: integer
      - name: label
        data_type: varchar
  - name: children
    config:
      contract: {enforced: true}
    columns:
      - name: child_id
        data_type: integer
        constraints:
          - type: unique
      - name: parent_id
        data_type: integer
        constraints:
          - type: foreign_key
            to: ref('parents')
            to_columns: [id]
`;

// Model-level keys and a foreign key to a ref: written into Snowflake's DDL, never enforced, each warned about.
describe('contract keys on Snowflake (stand-in): model-level primary key, unique, foreign key to a ref', () => {
  const project = copyFixture('contracts');
  const models = join(project.dir, 'models');
  let standIn: SnowflakeStandIn;
  let sf: Connection;
  const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'kdb', warehouse: 'wh', schema: 'analytics', threads: 2, host: '127.0.0.1', port: standIn.port, protocol: 'http' });

  beforeAll(async () => {
    standIn = await startStandIn();
    for (const f of ['customers.sql', 'customer_names.sql', 'customers_view.sql', 'events.sql']) rmSync(join(models, f));
    writeFileSync(join(models, 'schema.yml'), KEYS_SCHEMA);
    writeFileSync(join(models, 'parents.sql'), "select 1 as id, 'one' as label union all select 1, 'again'\n");
    writeFileSync(join(models, 'children.sql'), 'select 10 as child_id, 1 as parent_id union all select 10, 99\n');
    writeFileSync(join(project.dir, 'profiles.yml'), stringify({ contracts: { target: 'sf', outputs: { sf: output() } } }));
    sf = await adapter.connect(adapter.parseConfig(output(), 'sf', { projectDir: '.' }));
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn: sf });
    project.cleanup();
  });

  it('builds the parent first, references it as ref() renders it, loads duplicates and orphans, and warns per constraint', async () => {
    const r = await runTsdbt(project.dir, ['run']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const children = readFileSync(join(project.dir, 'target', 'run', 'contracts', 'models', 'children.sql'), 'utf8');
    expect(children).toContain('parent_id INT references kdb.analytics.parents (id)');
    expect(children).toContain('child_id INT unique');
    expect(readFileSync(join(project.dir, 'target', 'run', 'contracts', 'models', 'parents.sql'), 'utf8')).toContain('primary key (id)');
    for (const type of ['primary_key', 'unique', 'foreign_key']) expect(r.stdout).toContain(`The constraint type ${type} is not enforced by snowflake.`);
    expect((await sf.execute('select id, label from kdb.analytics.parents order by label')).rows).toEqual([
      [1, 'again'],
      [1, 'one'],
    ]);
    expect((await sf.execute('select child_id, parent_id from kdb.analytics.children order by 2')).rows).toEqual([
      [10, 1],
      [10, 99],
    ]);
    // The model-level primary key makes its column NOT NULL, as on Snowflake.
    const described = (await sf.execute('describe table kdb.analytics.parents')).rows;
    expect(described.map((row) => [row[0], row[3]])).toEqual([
      ['ID', 'N'],
      ['LABEL', 'Y'],
    ]);
  });
});
