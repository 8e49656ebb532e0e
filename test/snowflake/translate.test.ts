import { describe, expect, it } from 'vitest';
import { translate } from '../stand-ins/snowflake/translate.mjs';
import { splitCreateTableAs } from '../stand-ins/snowflake/create-table.mjs';
import { toTokList } from '../stand-ins/snowflake/token-list.mjs';

const t = (sql: string): string => translate(sql, { context: { CURRENT_DATABASE: 'DB' } });

describe('Snowflake stand-in: the rewrites to DuckDB', () => {
  it('upper-cases unquoted identifiers and keeps quoted ones and strings', () => {
    expect(t(`select a, "Mixed", 'Text' from s.t`)).toBe(`SELECT A, "Mixed", 'Text' FROM S.T`);
  });
  it('drops transient, secure, copy grants, cluster by', () => {
    expect(t('create or replace transient table d.s.t cluster by (a, b) copy grants as (select 1 as a)')).toBe('CREATE OR REPLACE TABLE D.S.T AS (SELECT 1 AS A)');
    expect(t('create or replace secure view v copy grants as (select 1 as a)')).toBe('CREATE OR REPLACE VIEW V AS (SELECT 1 AS A)');
  });
  it('maps types in casts and column lists, leaving column names alone', () => {
    expect(t('select x::number(10,2), y::timestamp_ntz(9), z::variant, cast(w as int) from t')).toBe('SELECT X::DECIMAL(10,2), Y::TIMESTAMP, Z::JSON, CAST(W AS BIGINT) FROM T');
    expect(t('create table t (number number, s string, ts timestamp_tz)')).toBe('CREATE TABLE T (NUMBER DECIMAL(38,0), S VARCHAR, TS TIMESTAMPTZ)');
  });
  it('rewrites iff, dateadd, datediff, to_varchar, context functions and placeholders', () => {
    expect(t('select iff(a > 1, 1, 0), dateadd(day, -1, d), datediff(month, a, b), to_varchar(d, \'YYYY-MM\'), current_database() from t where a = ? and b = :2'))
      .toBe("SELECT IF(A > 1, 1, 0), DATE_ADD(D, INTERVAL (-1) DAY), DATE_DIFF('MONTH', A, B), STRFTIME(D, '%Y-%m'), 'DB' FROM T WHERE A = $1 AND B = $2");
  });
  it('scopes DB.information_schema to that database, and decodes backslash escapes', () => {
    expect(t("select table_name from db.information_schema.tables where table_schema = 'X'"))
      .toBe("SELECT TABLE_NAME FROM (SELECT * FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_CATALOG = 'DB') AS TABLES WHERE TABLE_SCHEMA = 'X'");
    expect(t("select 'a\\\\b', 'it\\'s'")).toBe("SELECT 'a\\b', 'it''s'");
  });
  it("reads dbt-snowflake's snapshot_get_time as the UTC wall time, not the session zone's", () => {
    expect(t("select to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as t"))
      .toBe("SELECT TIMEZONE('UTC', CAST(CURRENT_TIMESTAMP AS TIMESTAMPTZ)) AS T");
  });
  it("understands the Snowflake forms of core's cross-database macros", () => {
    expect(t("select boolor_agg(x), charindex('a', s, 1), last_day(d, 'year'), convert_timezone('UTC', current_timestamp()), try_cast(x as varchar), md5(cast(x as varchar)) from t"))
      .toBe("SELECT BOOL_OR(X), STRPOS(S, 'a'), CAST(DATE_TRUNC('YEAR', D) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE), CAST(CURRENT_TIMESTAMP AS TIMESTAMPTZ), TRY_CAST(X AS VARCHAR), MD5(CAST(X AS VARCHAR)) FROM T");
    expect(t("select listagg(n, ', ') within group (order by n desc), dateadd(day, 1, dateadd(month, iff(a, 1, 2), d)) from t"))
      .toBe("SELECT STRING_AGG(N, ', ' ORDER BY N DESC), DATE_ADD(DATE_ADD(D, INTERVAL (IF(A, 1, 2)) MONTH), INTERVAL (1) DAY) FROM T");
  });
});

describe('Snowflake stand-in: CREATE TABLE constraints as Snowflake enforces them', () => {
  const ctas = (sql: string) => splitCreateTableAs(toTokList(sql));
  it('keeps NOT NULL and CHECK, drops unique/primary/foreign keys and their properties; a primary key column becomes NOT NULL', () => {
    expect(t('create table t (a int unique not enforced, b varchar constraint pk primary key rely, c int references p (id) on delete cascade, d int not null, e int check (e > 0))'))
      .toBe('CREATE TABLE T (A BIGINT, B VARCHAR NOT NULL, C BIGINT, D BIGINT NOT NULL, E BIGINT CHECK (E > 0))');
    expect(t('create table t (a int, "b" text, constraint pk primary key (a, "b"), unique (a), foreign key (a) references db.s.p (id), constraint c check (a > 1))'))
      .toBe('CREATE TABLE T (A BIGINT NOT NULL, "b" VARCHAR NOT NULL, CONSTRAINT C CHECK (A > 1))');
  });
  it('splits a CTAS with a column list into the create and an insert by position, without the body’s parentheses', () => {
    expect(ctas('create or replace transient table d.s.t (\n  id int not null primary key\n) cluster by (id) copy grants as (\nselect 1 as id\n);')).toEqual({
      create: 'create or replace transient table d.s.t (\n  id int not null primary key\n) cluster by (id) copy grants',
      insert: 'insert into d.s.t select 1 as id',
    });
    expect(ctas('create table t as (select 1 as id)')).toBeUndefined();
    expect(ctas('create table t (id int)')).toBeUndefined();
    expect(ctas('create view v (id) as select 1')).toBeUndefined();
  });
});
