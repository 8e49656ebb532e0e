import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { closeStandIn } from './helpers/close-stand-in.js';

// The stand-in's constraint semantics, statement by statement through snowflake-sdk: Snowflake enforces NOT NULL
// (a primary key's columns included) and records unique, primary and foreign keys without enforcing them.
describe('Snowflake stand-in: constraints on standard tables', () => {
  let standIn: SnowflakeStandIn;
  let conn: Connection;
  const rows = async (sql: string) => (await conn.execute(sql)).rows;
  const failure = (sql: string) => conn.execute(sql).then(() => undefined, (e: unknown) => e as Error & { cause?: { code?: string } });

  beforeAll(async () => {
    standIn = await startStandIn();
    conn = await adapter.connect(
      adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'kdb', schema: 'public', host: '127.0.0.1', port: standIn.port, protocol: 'http' }, 'dev', { projectDir: '.' }),
    );
  });
  afterAll(async () => {
    await closeStandIn(standIn, { conn });
  });

  it('a CTAS with a column list loads duplicate keys and orphan references, typed by the list', async () => {
    await conn.execute('create or replace table parent (id int primary key, label text unique) as (select 1, \'a\' union all select 1, \'a\')');
    await conn.execute('create or replace transient table child (id int, parent_id int references parent (id), constraint fk foreign key (parent_id) references parent (id)) as select 1, 99');
    expect(await rows('select id, label from parent')).toEqual([
      [1, 'a'],
      [1, 'a'],
    ]);
    expect(await rows('select id, parent_id from child')).toEqual([[1, 99]]);
    expect((await rows('describe table parent')).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['ID', 'NUMBER(38,0)', 'N'],
      ['LABEL', 'VARCHAR(16777216)', 'Y'],
    ]);
  });

  it('a NULL into a NOT NULL or primary key column fails with 100072; a failed CTAS leaves the table it would replace', async () => {
    const pk = await failure('insert into parent values (null, \'b\')');
    expect(pk?.cause?.code).toBe('100072');
    expect(pk?.message).toContain('NULL result in a non-nullable column');
    const ctas = await failure('create or replace table parent (id int not null, label text) as select null, \'c\'');
    expect(ctas?.cause?.code).toBe('100072');
    expect(await rows('select count(*) from parent')).toEqual([[2]]);
    expect(await failure('create or replace table fresh (id int not null) as select null')).toBeDefined();
    expect(await rows("show terse tables like 'FRESH' in schema kdb.public")).toEqual([]);
  });

  it('a column list of another length than the query is an error, not a partial table', async () => {
    expect(await failure('create or replace table parent (id int, label text, extra int) as select 2, \'z\'')).toBeDefined();
    expect(await rows('select count(*) from parent')).toEqual([[2]]);
  });
});
