import { describe, expect, it } from 'vitest';
import { constraintWarnings, parseColumnConstraint, parseModelConstraint } from '@tsdbt/core';
import type { ColumnConstraint, ContractTable, ModelConstraint } from '@tsdbt/core';
import { SnowflakeDialect } from '../src/snowflake-dialect.js';

const d = new SnowflakeDialect();
const rel = { database: 'analytics_db', schema: 'analytics', identifier: 'fact_sales__dbt_tmp' };
const col = (raw: Record<string, unknown>) => parseColumnConstraint(raw) as ColumnConstraint;

const table: ContractTable = {
  columns: [
    { name: 'id', dataType: 'number(38,0)', constraints: [col({ type: 'not_null' }), col({ type: 'primary_key' })] },
    { name: 'amount', dataType: 'number(10,2)', constraints: [col({ type: 'check', expression: 'amount >= 0' })] },
    { name: 'customer_id', dataType: 'number(38,0)', constraints: [col({ type: 'foreign_key', to: 'analytics_db.analytics.customers', to_columns: ['id'], warn_unenforced: false })] },
  ],
  constraints: [parseModelConstraint({ type: 'unique', columns: ['id', 'amount'] }) as ModelConstraint],
};

// dbt-snowflake's contracted table: one `create or replace transient table (<columns>) as (select …)`; CHECK is not
// supported (left out), unique / primary / foreign keys are written but not enforced.
describe('Snowflake dialect: contracted tables (golden SQL)', () => {
  it('one create-as statement with the columns, leaving out CHECK', () => {
    expect(d.createContractTable(rel, table, 'select * from src;')).toEqual([
      'create or replace transient table analytics_db.analytics.fact_sales__dbt_tmp (\n' +
        '    id number(38,0) not null primary key,\n' +
        '    amount number(10,2),\n' +
        '    customer_id number(38,0) references analytics_db.analytics.customers (id),\n' +
        '    unique (id, amount)\n' +
        ') as (\nselect id, amount, customer_id\nfrom (\nselect * from src\n) as model_subq\n)',
    ]);
  });

  it('permanent, clustered and with copy grants as its createTableAs', () => {
    const [sql] = d.createContractTable(rel, { columns: [table.columns[0]!], constraints: [] }, 'select 1 as id', { transient: false, clusterBy: ['id'], copyGrants: true });
    expect(sql).toBe(
      'create or replace table analytics_db.analytics.fact_sales__dbt_tmp (\n    id number(38,0) not null primary key\n)\n  cluster by (id) copy grants as (\n' +
        'select * from (\nselect id\nfrom (\nselect 1 as id\n) as model_subq\n) order by (id)\n)',
    );
  });

  it('compares contract types on Snowflake’s type codes, as dbt-snowflake (any NUMBER(p,s) is FIXED)', () => {
    expect(['NUMBER(1,0)', 'NUMBER(38,0)', 'FLOAT', 'VARCHAR', 'TIMESTAMP_NTZ', 'BOOLEAN'].map((t) => d.contractCheckedType(t))).toEqual(['FIXED', 'FIXED', 'REAL', 'TEXT', 'TIMESTAMP_NTZ', 'BOOLEAN']);
  });

  it('dbt’s warnings: CHECK not supported, primary key and unique not enforced, none where the constraint opts out', () => {
    expect(constraintWarnings(table, d.constraintSupport, d.name)).toEqual([
      { name: 'ConstraintNotEnforced', message: expect.stringMatching(/^The constraint type primary_key is not enforced by snowflake\. The constraint will be included in this model's DDL statement/u) },
      { name: 'ConstraintNotSupported', message: "The constraint type check is not supported by snowflake, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning." },
      { name: 'ConstraintNotEnforced', message: expect.stringContaining('The constraint type unique is not enforced by snowflake.') },
    ]);
  });
});
