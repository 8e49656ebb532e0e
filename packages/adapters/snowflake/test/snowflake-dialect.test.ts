import { describe, expect, it } from 'vitest';
import { SnowflakeDialect } from '../src/snowflake-dialect.js';

const d = new SnowflakeDialect();
const rel = { database: 'analytics_db', schema: 'analytics', identifier: 'fact_sales' };
const stg = { database: 'analytics_db', schema: 'analytics', identifier: 'fact_sales__dbt_tmp' };

describe('Snowflake dialect: golden SQL, no server', () => {
  it('renders relations bare like dbt-snowflake, quoting only what would not survive unquoted', () => {
    expect(d.renderRelation(rel)).toBe('analytics_db.analytics.fact_sales');
    expect(d.renderRelation({ schema: 'S', identifier: 'My Table' })).toBe('S."My Table"');
    expect(d.renderRelation({ schema: 's', identifier: 'order' })).toBe('s."order"');
    expect(d.renderRelation(rel, { database: true, schema: true, identifier: true })).toBe('"analytics_db"."analytics"."fact_sales"');
    expect(d.quote('a"b')).toBe('"a""b"');
    expect(d.normalizeIdentifier('fact_sales')).toBe('FACT_SALES');
  });

  it('creates transient tables by default, permanent with transient: false, with cluster_by and copy grants', () => {
    expect(d.createTableAs(rel, 'select 1 as id;')).toBe('create or replace transient table analytics_db.analytics.fact_sales as (\nselect 1 as id\n)');
    expect(d.createTableAs(rel, 'select 1 as id', { transient: false })).toBe('create or replace table analytics_db.analytics.fact_sales as (\nselect 1 as id\n)');
    expect(d.createTableAs(rel, 'select 1 as id, 2 as d', { clusterBy: ['d', 'id'], copyGrants: true })).toBe(
      'create or replace transient table analytics_db.analytics.fact_sales\n  cluster by (d, id) copy grants as (\nselect * from (\nselect 1 as id, 2 as d\n) order by (d, id)\n)',
    );
    expect(d.createTableAs(stg, 'select 1', { temporary: true })).toBe('create or replace temporary table analytics_db.analytics.fact_sales__dbt_tmp as (\nselect 1\n)');
  });

  it('creates secure views with copy grants', () => {
    expect(d.createViewAs(rel, 'select 1', { secure: true, copyGrants: true })).toBe('create or replace secure view analytics_db.analytics.fact_sales copy grants as (\nselect 1\n)');
    expect(d.createViewAs(rel, 'select 1')).toBe('create or replace view analytics_db.analytics.fact_sales as (\nselect 1\n)');
  });

  it("stages an incremental's rows in a session-temporary view or table beside the target (dbt-snowflake's tmp_relation_type)", () => {
    const staged = d.temporaryRelation(rel, '__dbt_tmp');
    expect(staged).toEqual(stg);
    expect(d.createViewAs(staged, 'select 1', { temporary: true, secure: true })).toBe('create or replace temporary view analytics_db.analytics.fact_sales__dbt_tmp as (\nselect 1\n)');
    expect(d.capabilities.temporaryViewStaging).toBe(true);
  });

  it('replaces a table atomically with swap with, and a view by drop + qualified rename', () => {
    expect(d.swapRelation(stg, rel, 'table')).toEqual([
      'alter table analytics_db.analytics.fact_sales__dbt_tmp swap with analytics_db.analytics.fact_sales',
      'drop table if exists analytics_db.analytics.fact_sales__dbt_tmp cascade',
    ]);
    expect(d.swapRelation(stg, rel, 'view')).toEqual([
      'drop view if exists analytics_db.analytics.fact_sales cascade',
      'alter table analytics_db.analytics.fact_sales__dbt_tmp rename to analytics_db.analytics.fact_sales',
    ]);
    expect(d.swapRelation(stg, rel, undefined)).toEqual(['alter table analytics_db.analytics.fact_sales__dbt_tmp rename to analytics_db.analytics.fact_sales']);
  });

  it('merges, deletes+inserts and appends as dbt does', () => {
    expect(d.merge({ target: rel, source: stg, uniqueKey: ['id'], columns: ['id', 'Amount Due'] })).toBe(
      'merge into analytics_db.analytics.fact_sales as DBT_INTERNAL_DEST\n' +
        'using analytics_db.analytics.fact_sales__dbt_tmp as DBT_INTERNAL_SOURCE\n' +
        'on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)\n' +
        'when matched then update set id = DBT_INTERNAL_SOURCE.id, "Amount Due" = DBT_INTERNAL_SOURCE."Amount Due"\n' +
        'when not matched then insert (id, "Amount Due") values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE."Amount Due")',
    );
    expect(d.deleteWhereKeyIn(rel, stg, ['id'])).toBe(
      'delete from analytics_db.analytics.fact_sales\nwhere (id) in (\n  select (id) from analytics_db.analytics.fact_sales__dbt_tmp\n)',
    );
    expect(d.deleteWhereKeyIn(rel, stg, ['a', 'b'])).toBe(
      'delete from analytics_db.analytics.fact_sales\nusing analytics_db.analytics.fact_sales__dbt_tmp\nwhere (\n' +
        '  analytics_db.analytics.fact_sales__dbt_tmp.a = analytics_db.analytics.fact_sales.a\n  and analytics_db.analytics.fact_sales__dbt_tmp.b = analytics_db.analytics.fact_sales.b\n)',
    );
    expect(d.insertInto(rel, ['id', 'v'], 'select id, v from x;')).toBe('insert into analytics_db.analytics.fact_sales (id, v)\n(\nselect id, v from x\n)');
  });

  it('introspects through SHOW and DESCRIBE, and alters columns', () => {
    expect(d.listRelationsSql('db', 'sch')).toBe('show terse objects in schema db.sch');
    expect(d.getRelationSql({ database: 'db', schema: 'sch', identifier: 'my_t' })).toBe("show terse objects like 'MY_T' in schema db.sch");
    expect(d.getColumnsSql(rel)).toBe('describe table analytics_db.analytics.fact_sales');
    expect(d.addColumn(rel, { name: 'x', dataType: 'varchar' })).toBe('alter table analytics_db.analytics.fact_sales add column x varchar');
    expect(d.alterColumnType(rel, 'x', 'varchar(200)')).toBe('alter table analytics_db.analytics.fact_sales alter column x set data type varchar(200)');
    expect(d.createSchema('db', 'staging')).toBe('create schema if not exists db.staging');
    expect(d.dropSchema('db', 'staging')).toBe('drop schema if exists db.staging cascade');
  });

  it('writes literals Snowflake reads back unchanged, including backslashes', () => {
    expect(d.literal("it's a \\ path")).toBe("'it''s a \\\\ path'");
    expect(d.literal(null)).toBe('NULL');
    expect(d.literal(true)).toBe('TRUE');
    expect(d.literal(12n)).toBe('12');
    expect(d.literal(new Date(Date.UTC(2024, 1, 29, 13, 14, 15)))).toBe("'2024-02-29 13:14:15.000'::timestamp_ntz");
    expect(d.setQueryTag('nightly')).toBe("alter session set query_tag = 'nightly'");
    expect(d.setQueryTag(null)).toBe('alter session unset query_tag');
    expect(new SnowflakeDialect({ defaultQueryTag: 'from profile' }).setQueryTag(null)).toBe("alter session set query_tag = 'from profile'");
    expect(d.typeName('timestamp')).toBe('timestamp_ntz');
    expect(d.typeName('numeric')).toBe('numeric(28,6)');
  });
});
