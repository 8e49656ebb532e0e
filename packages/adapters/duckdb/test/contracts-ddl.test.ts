import { describe, expect, it } from 'vitest';
import { parseColumnConstraint, parseModelConstraint } from '@tsdbt/core';
import type { ColumnConstraint, ContractTable, ModelConstraint } from '@tsdbt/core';
import { DuckDbDialect } from '../src/duckdb-dialect.js';

const d = new DuckDbDialect();
const staged = { database: 'dev', schema: 'main', identifier: 'orders__dbt_tmp' };
const col = (raw: Record<string, unknown>) => parseColumnConstraint(raw) as ColumnConstraint;
const model = (raw: Record<string, unknown>) => parseModelConstraint(raw) as ModelConstraint;

const table: ContractTable = {
  columns: [
    { name: 'order_id', dataType: 'integer', constraints: [col({ type: 'not_null' }), col({ type: 'primary_key' })] },
    { name: 'customer_id', dataType: 'integer', constraints: [col({ type: 'foreign_key', to: '"dev"."main"."customers"', to_columns: ['id'] })] },
    { name: 'Amount', dataType: 'decimal(10,2)', quote: true, constraints: [col({ type: 'check', expression: 'Amount >= 0' })] },
    { name: 'note', dataType: 'varchar', constraints: [col({ type: 'custom', expression: "default 'none'" }), col({ type: 'unique' })] },
  ],
  constraints: [model({ type: 'unique', columns: ['customer_id', 'note'] }), model({ type: 'check', name: 'sane', expression: 'order_id > 0' })],
};

// dbt-duckdb's contracted table: `create table` with the columns and constraints, then `insert … select` in
// the contract's column order from the model's SQL.
describe('DuckDB dialect: contracted tables (golden SQL)', () => {
  it('creates the table with every constraint type, then inserts the contract’s columns', () => {
    expect(d.createContractTable(staged, table, 'select * from src;')).toEqual([
      'create table "dev"."main"."orders__dbt_tmp" (\n' +
        '    "order_id" integer not null primary key,\n' +
        '    "customer_id" integer references "main"."customers" (id),\n' +
        '    "Amount" decimal(10,2) check (Amount >= 0),\n' +
        `    "note" varchar default 'none' unique,\n` +
        '    unique (customer_id, note),\n' +
        '    constraint sane check (order_id > 0)\n' +
        ')',
      'insert into "dev"."main"."orders__dbt_tmp" ("order_id", "customer_id", "Amount", "note")\n(\n' +
        'select "order_id", "customer_id", "Amount", "note"\nfrom (\nselect * from src\n) as model_subq\n)',
    ]);
  });

  it('a foreign key in two parts or as an expression is written as given', () => {
    const fk = (raw: Record<string, unknown>) =>
      d.createContractTable(staged, { columns: [{ name: 'a', dataType: 'int', constraints: [col({ type: 'foreign_key', ...raw })] }], constraints: [] }, 'select 1 as a')[0];
    expect(fk({ to: 'main.parents', to_columns: ['id', 'k'] })).toContain('"a" int references main.parents (id, k)');
    expect(fk({ expression: 'parents (id)' })).toContain('"a" int references parents (id)');
  });

  it('enforces every constraint type (dbt-duckdb), so nothing is left out of the DDL', () => {
    expect(Object.values(d.constraintSupport)).toEqual(['enforced', 'enforced', 'enforced', 'enforced', 'enforced']);
  });

  it('the empty subquery and the empty schema select of the pre-flight check', () => {
    expect(d.emptySubquery('select 1 as id;')).toBe('select * from (\nselect 1 as id\n) as __dbt_sbq\nwhere false\nlimit 0');
    expect(d.emptySchemaSelect([{ name: 'id', dataType: 'int' }, { name: 'Name', dataType: 'text', quote: true }])).toBe(
      'select\n  cast(null as int) as "id",\n  cast(null as text) as "Name"',
    );
  });

  it('alias_types translates dbt’s generic names and passes the rest through', () => {
    expect(d.contractType('string')).toBe('TEXT');
    expect(d.contractType('integer')).toBe('INT');
    expect(d.contractType('decimal(10,2)')).toBe('decimal(10,2)');
    expect(d.contractType('varchar')).toBe('varchar');
  });
});
