import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../src/duckdb-dialect.js';

const d = new DuckDbDialect();
const t = { database: 'dev', schema: 'main', identifier: 'orders' };
const s = { database: 'dev', schema: 'main', identifier: 'orders__dbt_tmp' };

describe('DuckDB dialect (golden SQL)', () => {
  it('quotes and renders relations', () => {
    expect(d.quote('a"b')).toBe('"a""b"');
    expect(d.renderRelation(t)).toBe('"dev"."main"."orders"');
    expect(d.renderRelation(t, { database: false, schema: false, identifier: false })).toBe('dev.main.orders');
    expect(d.renderRelation({ schema: 'main', identifier: 'x' })).toBe('"main"."x"');
    expect(d.normalizeIdentifier('MixedCase')).toBe('MixedCase');
  });

  it('builds DDL', () => {
    expect(d.createSchema('dev', 'staging')).toBe('create schema if not exists "dev"."staging"');
    expect(d.dropSchema(undefined, 'staging')).toBe('drop schema if exists "staging" cascade');
    expect(d.createTableAs(t, 'select 1 as id;\n')).toBe('create table "dev"."main"."orders" as (\nselect 1 as id\n)');
    expect(d.createTableAs(t, 'select 1 -- c', { temporary: true })).toBe('create or replace temp table "orders" as (\nselect 1 -- c\n)');
    expect(d.createViewAs(t, 'select 1')).toBe('create or replace view "dev"."main"."orders" as (\nselect 1\n)');
    // Staged rows live in the connection's temp catalog, created bare and addressed as temp.main.
    const staged = d.temporaryRelation(t, '__dbt_tmp');
    expect(d.createTableAs(staged, 'select 1', { temporary: true })).toBe('create or replace temp table "orders__dbt_tmp" as (\nselect 1\n)');
    expect(d.renderRelation(staged)).toBe('"temp"."main"."orders__dbt_tmp"');
    expect(d.getColumnsSql(staged)).toContain(`and lower(table_catalog) = lower('temp')`);
    expect(d.dropRelation(staged, 'table')).toBe('drop table if exists "temp"."main"."orders__dbt_tmp" cascade');
    expect(d.capabilities.temporaryViewStaging).toBeUndefined();
    expect(d.dropRelation(t, 'view')).toBe('drop view if exists "dev"."main"."orders" cascade');
    expect(d.renameRelation(s, 'orders', 'table')).toBe('alter table "dev"."main"."orders__dbt_tmp" rename to "orders"');
    expect(d.swapRelation(s, t, 'view')).toEqual([
      'drop view if exists "dev"."main"."orders" cascade',
      'alter table "dev"."main"."orders__dbt_tmp" rename to "orders"',
    ]);
    expect(d.swapRelation(s, t, undefined)).toHaveLength(1);
    expect(d.addColumn(t, { name: 'x', dataType: 'INTEGER' })).toBe('alter table "dev"."main"."orders" add column "x" INTEGER');
    expect(d.dropColumn(t, 'x')).toBe('alter table "dev"."main"."orders" drop column "x"');
    expect(d.alterColumnType(t, 'x', 'BIGINT')).toBe('alter table "dev"."main"."orders" alter column "x" set data type BIGINT');
  });

  it('builds DML for incremental strategies', () => {
    expect(d.insertInto(t, ['id', 'v'], 'select id, v from src')).toBe('insert into "dev"."main"."orders" ("id", "v")\n(\nselect id, v from src\n)');
    expect(d.deleteWhereKeyIn(t, s, ['id'])).toBe(
      'delete from "dev"."main"."orders"\nwhere ("id") in (\n  select ("id") from "dev"."main"."orders__dbt_tmp"\n)',
    );
    expect(d.deleteWhereKeyIn(t, s, ['a', 'b'])).toBe(
      'delete from "dev"."main"."orders"\nusing "dev"."main"."orders__dbt_tmp"\nwhere (\n  "dev"."main"."orders__dbt_tmp"."a" = "dev"."main"."orders"."a"\n  and "dev"."main"."orders__dbt_tmp"."b" = "dev"."main"."orders"."b"\n)',
    );
    expect(d.merge({ target: t, source: s, uniqueKey: ['id'], columns: ['id', 'v'] })).toBe(
      'merge into "dev"."main"."orders" as DBT_INTERNAL_DEST\nusing "dev"."main"."orders__dbt_tmp" as DBT_INTERNAL_SOURCE\n' +
        'on (DBT_INTERNAL_SOURCE."id" = DBT_INTERNAL_DEST."id")\nwhen matched then update set "id" = DBT_INTERNAL_SOURCE."id", "v" = DBT_INTERNAL_SOURCE."v"\n' +
        'when not matched then insert ("id", "v") values (DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."v")',
    );
    expect(d.merge({ target: t, source: s, uniqueKey: [], columns: ['id'] })).toContain('on (false)\nwhen not matched');
  });

  it('builds introspection, transactions, types and literals', () => {
    expect(d.listRelationsSql('dev', 'main')).toContain("where lower(table_schema) = lower('main') and lower(table_catalog) = lower('dev')");
    expect(d.getColumnsSql(t)).toContain("lower(table_name) = lower('orders')");
    expect([d.beginTransaction(), d.commit(), d.rollback()]).toEqual(['begin transaction', 'commit', 'rollback']);
    expect(d.typeName('numeric')).toBe('DECIMAL(28,6)');
    expect(d.typeName('timestamptz')).toBe('TIMESTAMP WITH TIME ZONE');
    expect(d.literal("it's")).toBe("'it''s'");
    expect(d.literal(null)).toBe('NULL');
    expect(d.literal(false)).toBe('FALSE');
    expect(d.literal(12n)).toBe('12');
    expect(d.literal(1.5)).toBe('1.5');
    expect(d.literal(Number.NaN)).toBe("'NaN'::DOUBLE");
    expect(d.literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("TIMESTAMP '2024-01-02 03:04:05.006'");
    expect(d.literal({ a: 1 })).toBe('\'{"a":1}\'');
  });
});
