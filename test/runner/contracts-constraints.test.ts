import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, queryWarehouse as query, runTsdbt } from './run-tsdbt.js';

const SCHEMA = `version: 2
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
    constraints:
      - type: check
        name: positive_qty
        expression: "qty > 0"
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
      - name: qty
        data_type: numeric
  - name: child_view
    config:
      materialized: view
      contract: {enforced: true}
    columns:
      - name: child_id
        data_type: integer
        constraints:
          - type: not_null
`;

// Constraints beyond the column basics: model-level constraints, a foreign key to a ref, warnings dbt gives.
describe('contract constraints: model-level, foreign keys, warnings', () => {
  const project = copyFixture('contracts');
  const models = join(project.dir, 'models');
  const write = (file: string, text: string) => writeFileSync(join(models, file), text);
  let first: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    for (const f of ['customers.sql', 'customer_names.sql', 'customers_view.sql', 'events.sql']) rmSync(join(models, f));
    write('schema.yml', SCHEMA);
    write('parents.sql', "select 1 as id, 'one' as label union all select 2, 'two'\n");
    write('children.sql', 'select 10 as child_id, 1 as parent_id, cast(2 as decimal(18,3)) as qty\n');
    write('child_view.sql', "{{ config(materialized='view') }}\nselect child_id from {{ ref('children') }}\n");
    first = await runTsdbt(project.dir, ['run']);
  });
  afterAll(() => project.cleanup());

  it('a foreign key to ref() makes the parent a dependency, built first, and references it in the DDL', async () => {
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    const at = (re: RegExp) => first.stdout.split('\n').findIndex((l) => re.test(l));
    expect(at(/OK created sql table model main\.parents/u)).toBeLessThan(at(/START sql table model main\.children/u));
    const manifest = JSON.parse(readFileSync(join(project.dir, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.nodes['model.contracts.children'].depends_on.nodes).toEqual(['model.contracts.parents']);
    expect(manifest.nodes['model.contracts.parents'].constraints).toEqual([
      { type: 'primary_key', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [], columns: ['id'] },
    ]);
    const main = readFileSync(join(project.dir, 'target', 'run', 'contracts', 'models', 'children.sql'), 'utf8');
    // dbt-duckdb drops the database from the parent's name (DuckDB has no cross-database keys).
    // alias_types: dbt's generic `integer` becomes INT (dbt's Column.translate_type).
    expect(main).toContain('"parent_id" INT references "main"."parents" (id)');
    expect(main).toContain('constraint positive_qty check (qty > 0)');
    const kinds = await query(project.dir, "select table_name, constraint_type from duckdb_constraints() where table_name in ('parents', 'children') order by 1, 2");
    expect(kinds).toEqual([
      ['children', 'CHECK'],
      ['children', 'FOREIGN KEY'],
      ['children', 'UNIQUE'],
      ['parents', 'NOT NULL'],
      ['parents', 'PRIMARY KEY'],
    ]);
  });

  it('warns, as dbt does, about a bare numeric type and about constraints on a view', () => {
    expect(first.stdout).toContain("Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ['qty']`");
    expect(first.stdout).toContain('Constraint types are not supported for view materializations and will be ignored.');
    // DuckDB enforces every constraint type dbt-duckdb renders: no ConstraintNotEnforced warning.
    expect(first.stdout).not.toContain('is not enforced by duckdb');
  });

  it('under --warn-error-options naming it, the bare numeric warning fails the model before anything is built', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'children', '--warn-error-options', '{"error": ["TSDBT_CONTRACT_NUMERIC_PRECISION"]}']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Compilation Error in model children (models/children.sql)');
    expect(r.stdout).toContain("Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ['qty']`");
    expect(await query(project.dir, 'select child_id from main.children')).toEqual([[10]]);
  });

  it('a row whose parent is missing fails the model with the database’s foreign key error', async () => {
    write('children.sql', 'select 11 as child_id, 9 as parent_id, cast(1 as decimal(18,3)) as qty\n');
    const r = await runTsdbt(project.dir, ['run', '--select', 'children']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Database Error in model children (models/children.sql)');
    expect(r.stdout).toMatch(/foreign key constraint/iu);
  });

  it('a model-level check that fails leaves nothing half-built', async () => {
    write('children.sql', 'select 12 as child_id, 1 as parent_id, cast(0 as decimal(18,3)) as qty\n');
    const r = await runTsdbt(project.dir, ['run', '--select', 'children']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('CHECK constraint failed');
    expect(await query(project.dir, 'select child_id from main.children')).toEqual([[10]]);
  });

  it('an incremental model with a contract must set on_schema_change to append_new_columns or fail (dbt’s parse error)', async () => {
    write('children.sql', "{{ config(materialized='incremental') }}\nselect 10 as child_id, 1 as parent_id, cast(2 as decimal(18,3)) as qty\n");
    const r = await runTsdbt(project.dir, ['run', '--select', 'children']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout + r.stderr).toContain(
      "Invalid value for on_schema_change: ignore. Models materialized as incremental with contracts enabled must set on_schema_change to 'append_new_columns' or 'fail'",
    );
    // The table's constraints hold for the rows each run adds: a duplicate of the unique child_id fails.
    write('children.sql', "{{ config(materialized='incremental', on_schema_change='fail') }}\nselect 10 as child_id, 1 as parent_id, cast(2 as decimal(18,3)) as qty\n");
    const dup = await runTsdbt(project.dir, ['run', '--select', 'children']);
    expect(dup.exitCode).toBe(1);
    expect(dup.stdout).toContain('Duplicate key "child_id: 10" violates unique constraint');
    write('children.sql', "{{ config(materialized='incremental', on_schema_change='fail') }}\nselect 13 as child_id, 2 as parent_id, cast(2 as decimal(18,3)) as qty\n");
    expect((await runTsdbt(project.dir, ['run', '--select', 'children'])).exitCode).toBe(0);
    expect(await query(project.dir, 'select child_id from main.children order by 1')).toEqual([[10], [13]]);
  });

  it('an enforced contract on a YAML entry with no columns is dbt’s parse error', async () => {
    write('schema.yml', 'version: 2\nmodels:\n  - name: parents\n    config:\n      contract: {enforced: true}\n');
    const r = await runTsdbt(project.dir, ['run', '--select', 'parents']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout + r.stderr).toContain('Contract enforcement failed for: (models/parents.sql)');
    expect(r.stdout + r.stderr).toContain('Constraints must be defined in a `yml` schema configuration file like `schema.yml`.');
  });

  it('a constraint of no known type under an enforced contract is dbt’s parse error, not dropped silently', async () => {
    const typo = (at: string) =>
      'version: 2\nmodels:\n  - name: parents\n    config:\n      contract: {enforced: true}\n' +
      (at === 'model' ? '    constraints:\n      - type: primary-key\n        columns: [id]\n' : '') +
      '    columns:\n      - name: id\n        data_type: integer\n' +
      (at === 'column' ? '        constraints:\n          - type: notnull\n' : '') +
      '      - name: label\n        data_type: varchar\n';
    for (const at of ['model', 'column']) {
      write('schema.yml', typo(at));
      const r = await runTsdbt(project.dir, ['run', '--select', 'parents']);
      expect(r.exitCode, at).toBe(2);
      expect(r.stdout + r.stderr).toContain(
        "Invalid constraint type on model parents: Type must be one of ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']",
      );
    }
  });
});
