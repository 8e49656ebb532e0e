import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import snowflake from 'snowflake-sdk';
import type { Connection as SdkConnection } from 'snowflake-sdk';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { closeStandIn } from './helpers/close-stand-in.js';

type StandIn = SnowflakeStandIn;
snowflake.configure({ logLevel: 'OFF' });

let standIn: StandIn;
const profile = (extra: Record<string, unknown> = {}) =>
  adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', schema: 'analytics', host: '127.0.0.1', port: standIn.port, protocol: 'http', ...extra }, 'dev', { projectDir: process.cwd() });

function rawConnect(opts: Record<string, unknown> = {}): Promise<SdkConnection> {
  const c = snowflake.createConnection({ account: 'standin', username: 'tsdbt', password: 'pw', accessUrl: standIn.url, database: 'sales', schema: 'analytics', ...opts });
  return new Promise((resolve, reject) => c.connect((e) => (e ? reject(e) : resolve(c))));
}
const run = (c: SdkConnection, sqlText: string, extra: Record<string, unknown> = {}) =>
  new Promise<{ rows: unknown[]; id: string }>((resolve, reject) =>
    c.execute({ sqlText, ...extra, complete: (e, s, rows) => (e ? reject(e) : resolve({ rows: rows ?? [], id: s.getQueryId() })) }));

beforeAll(async () => {
  standIn = await startStandIn({ users: { TSDBT: 'pw' }, chunkRows: 100, tokenValiditySeconds: 1 });
});
afterAll(async () => {
  await closeStandIn(standIn);
});

describe('Snowflake stand-in through the real snowflake-sdk and the adapter', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await adapter.connect(profile());
  });
  afterAll(async () => conn?.close());

  it('rejects a bad password with a coded connection error and no secret in the message', async () => {
    const err = await adapter.connect(profile({ password: 'wrong-secret' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TSDBT_CONNECTION_FAILED' });
    expect((err as Error).message).toContain('390100');
    expect((err as Error).message).not.toContain('wrong-secret');
  });

  it('wraps a SQL error with the Snowflake code, the SQL and the driver error as cause', async () => {
    const err = (await conn.execute('select * from no_such_table').catch((e: unknown) => e)) as Error & { code: string; hint?: string; diagnostics: { hint?: string }[] };
    expect(err.code).toBe('TSDBT_DATABASE_ERROR');
    expect(err.message).toContain('Snowflake 002003');
    expect(err.diagnostics[0]!.hint).toContain('select * from no_such_table');
    expect((err.cause as { code: string }).code).toBe('002003');
  });

  it('round-trips Snowflake types and row counts, with chunked results', async () => {
    await conn.execute("create or replace table t_types as select 1::number(10,2) n, 'x' s, true b, '2024-02-29'::date d, '2024-02-29 13:14:15.5'::timestamp_ntz ts, to_binary('ab', 'hex') bin");
    const r = await conn.execute('select * from t_types');
    expect(r.columns.map((c) => c.name)).toEqual(['N', 'S', 'B', 'D', 'TS', 'BIN']);
    const [n, s, b, d, ts] = r.rows[0]!;
    expect([n, s, b, (d as Date).toISOString(), (ts as Date).toISOString()]).toEqual([1, 'x', true, '2024-02-29T00:00:00.000Z', '2024-02-29T13:14:15.500Z']);
    expect((await conn.execute('insert into t_types (n) select range from range(3)')).rowsAffected).toBe(3);
    expect((await conn.execute('select range from range(250)')).rows.length).toBe(250);
    const big = await conn.execute("select 12345678901234567890::number(38,0) as big, 0.1::float as f, to_binary('6869', 'hex') as bin");
    expect(big.rows[0]).toEqual([12345678901234567890n, 0.1, Buffer.from('hi')]);
  });

  it('loads through PUT and COPY INTO, skipping already-loaded files like Snowflake load metadata', async () => {
    await conn.execute('create or replace table t_load (id integer, name varchar)');
    await conn.execute('create or replace stage landing');
    const dir = mkdtempSync(join(tmpdir(), 'sf-put-'));
    try {
      writeFileSync(join(dir, 'a.csv'), '1,"x"\n2,\n');
      await conn.execute(`put file://${join(dir, 'a.csv')} @landing/in/`);
      expect((await conn.execute('list @landing')).rows.map((r) => r[0])).toEqual(['landing/in/a.csv.gz']);
      const copy = "copy into t_load from @landing/in/ file_format = (type = csv field_optionally_enclosed_by = '\"')";
      expect((await conn.execute(copy)).rows[0]![3]).toBe(2);
      expect((await conn.execute(copy)).rows[0]![0]).toBe('Copy executed with 0 files processed.');
      expect((await conn.execute(`${copy} force = true`)).rows[0]![3]).toBe(2);
      expect(Number((await conn.execute('select count(*) from t_load where name is null')).rows[0]![0])).toBe(2);
      mkdirSync(join(dir, 'out'));
      await conn.execute(`get @landing/in/ file://${join(dir, 'out')}/`);
      expect(readFileSync(join(dir, 'out', 'a.csv.gz')).length).toBeGreaterThan(0);
      await conn.execute('remove @landing/in/');
      expect((await conn.execute('list @landing')).rows).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bulk-loads inside a transaction: a failure leaves nothing loaded and the rerun loads every row once', async () => {
    await conn.execute('create or replace table t_bulk (id integer, label varchar, loaded_at timestamp_ntz, ok boolean)');
    const cols = [{ name: 'ID', dataType: 'integer' }, { name: 'LABEL', dataType: 'varchar' }, { name: 'LOADED_AT', dataType: 'timestamp_ntz' }, { name: 'OK', dataType: 'boolean' }];
    const rel = { database: 'SALES', schema: 'ANALYTICS', identifier: 'T_BULK' };
    const rows = Array.from({ length: 300 }, (_, i) => [i, i % 7 === 0 ? null : i % 5 === 0 ? '' : `l,"${i}"\n`, new Date(Date.UTC(2024, 0, 1, 0, 0, i)), i % 2 === 0]);
    async function* chunks() { for (let i = 0; i < rows.length; i += 100) yield rows.slice(i, i + 100); }
    await expect(conn.transaction(async (c) => {
      await c.bulkLoad!(rel, cols, chunks());
      throw new Error('killed before the state commit');
    })).rejects.toThrow('killed');
    expect(Number((await conn.execute('select count(*) from t_bulk')).rows[0]![0])).toBe(0);
    expect(await conn.transaction((c) => c.bulkLoad!(rel, cols, chunks()))).toBe(300);
    const r = await conn.execute("select count(*), count(label), count_if(label = ''), max(loaded_at), count_if(ok) from t_bulk");
    expect(r.rows[0]!.map((v) => (v instanceof Date ? v.toISOString() : Number(v)))).toEqual([300, 257, 51, '2024-01-01T00:04:59.000Z', 150]);
    expect((await conn.execute('select label from t_bulk where id = 1')).rows[0]![0]).toBe('l,"1"\n');
  });

  it("sets the profile's query_tag at login and a model's through the dialect", async () => {
    const c = await adapter.connect(profile({ query_tag: 'tsdbt-nightly' }));
    const tag = async () => (await c.execute('show parameters')).rows.find((r) => r[0] === 'QUERY_TAG')?.[1];
    try {
      expect(await tag()).toBe('tsdbt-nightly');
      const dialect = adapter.createDialect(profile()) as unknown as { setQueryTag(t?: string): string };
      await c.execute(dialect.setQueryTag("model's tag"));
      expect(await tag()).toBe("model's tag");
      await c.execute(dialect.setQueryTag(undefined));
      expect(await tag()).toBeUndefined();
    } finally {
      await c.close();
    }
  });

  it('fails a COPY with bad rows as a whole, naming the file, and reports syntax errors with their code', async () => {
    await conn.execute('create or replace table t_bad (id integer)');
    const dir = mkdtempSync(join(tmpdir(), 'sf-bad-'));
    try {
      writeFileSync(join(dir, 'good.csv'), '1\n2\n');
      writeFileSync(join(dir, 'bad.csv'), '3\nnot-a-number\n');
      await conn.execute(`put file://${join(dir, '*.csv')} @%t_bad/in/`);
      const err = (await conn.execute('copy into t_bad from @%t_bad/in/').catch((e: unknown) => e)) as Error & { code: string };
      expect(err.code).toBe('TSDBT_DATABASE_ERROR');
      expect(err.message).toContain('Snowflake 100038');
      expect(err.message).toContain('bad.csv');
      expect(Number((await conn.execute('select count(*) from t_bad')).rows[0]![0])).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(conn.execute('selec 1')).rejects.toThrow(/Snowflake 001003/u);
  });

  it('rolls back DML but Snowflake-style commits before DDL', async () => {
    await conn.execute('create or replace table t_tx (v integer)');
    await expect(conn.transaction(async (c) => {
      await c.execute('insert into t_tx values (1)');
      await c.execute('select * from missing_table');
    })).rejects.toMatchObject({ code: 'TSDBT_DATABASE_ERROR' });
    expect(Number((await conn.execute('select count(*) from t_tx')).rows[0]![0])).toBe(0);
  });

  it('answers asyncExec, status polls, results by query id, and renews expired tokens', async () => {
    const c = await rawConnect();
    try {
      const { id } = await run(c, 'select 42 as answer', { asyncExec: true });
      expect(id).toMatch(/^[0-9a-f-]{36}$/u);
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        void c.getResultsFromQueryId({ queryId: id, complete: (e, _s, r) => (e ? reject(e) : resolve(r ?? [])) });
      });
      expect(rows).toEqual([{ ANSWER: 42 }]);
      expect(await c.getQueryStatus(id)).toBe('SUCCESS');
      expect(await c.isValidAsync()).toBe(true); // a heartbeat request
      await new Promise((r) => setTimeout(r, 1100)); // token validity is 1 s: the next request must renew
      expect((await run(c, 'select 1 as one')).rows).toEqual([{ ONE: 1 }]);
    } finally {
      const before = standIn.stats().sessions;
      await new Promise((r) => c.destroy(r));
      expect(standIn.stats().sessions).toBe(before - 1); // the session delete request closed it
    }
  });

  it('cancels a running statement through the abort request', async () => {
    const c = await adapter.connect(profile());
    try {
      const slow = c.execute('select count(*) from range(100000000000) a');
      slow.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      await c.cancel();
      await expect(slow).rejects.toMatchObject({ code: 'TSDBT_QUERY_CANCELLED' });
    } finally {
      await c.close();
    }
  });
});

describe('Snowflake adapter login limits', () => {
  it('gives up after connect_timeout when the endpoint never answers, with a coded error', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const config = adapter.parseConfig({ type: 'snowflake', account: 'x', user: 'u', password: 'p', database: 'd', schema: 's', host: '127.0.0.1', port, protocol: 'http', connect_timeout: 1, connect_retries: 0 }, 'dev', { projectDir: '.' });
      const err = await adapter.connect(config).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'TSDBT_CONNECTION_FAILED' });
      expect((err as Error).message).toContain('connect_timeout');
    } finally {
      silent.close();
    }
  });
});
