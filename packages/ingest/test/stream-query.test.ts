import sql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTdsServer } from '../../../test/stand-ins/tds/server.mjs';
import type { TdsServer } from '../../../test/stand-ins/tds/server.mjs';
import { streamQuery } from '../src/sources/mssql/stream-query.js';
import type { TediousPool } from '../src/sources/mssql/stream-query.js';

let server: TdsServer;
let pool: sql.ConnectionPool;

beforeAll(async () => {
  server = await startTdsServer();
  await server.admin.run('CREATE SCHEMA s; CREATE TABLE s.t AS SELECT range::INTEGER AS id FROM range(25000)');
  // One connection: a read stopped early must hand it back in a state the next read can use.
  pool = await new sql.ConnectionPool({ server: server.host, port: server.port, user: 'sa', password: 'Passw0rd!', database: 'AdventureWorks2019', options: { encrypt: false }, pool: { max: 1 } }).connect();
});
afterAll(async () => {
  await pool?.close();
  await server?.close();
});

const ids = (values: Array<{ value: unknown }>) => values[0]!.value as number;

describe('streamQuery through tedious', () => {
  it('yields every row in order, in batches of at most 2,048, whatever the chunk size', async () => {
    const batches: number[][] = [];
    for await (const batch of streamQuery(pool as unknown as TediousPool, 'SELECT [id] FROM [s].[t] ORDER BY [id]', [], ids, 10000)) batches.push(batch);
    expect(batches.flat()).toEqual(Array.from({ length: 25000 }, (_, i) => i));
    expect(Math.max(...batches.map((b) => b.length))).toBe(2048);
    const small: number[][] = [];
    for await (const batch of streamQuery(pool as unknown as TediousPool, 'SELECT [id] FROM [s].[t] WHERE [id] < 1000', [], ids, 300)) small.push(batch);
    expect(small.map((b) => b.length)).toEqual([300, 300, 300, 100]);
  });

  it('cancels a read the consumer stops, and the connection serves the next read', async () => {
    const attentions = server.stats.attentions;
    let seen = 0;
    for await (const batch of streamQuery(pool as unknown as TediousPool, 'SELECT [id] FROM [s].[t] ORDER BY [id]', [], ids, 2048)) {
      seen += batch.length;
      break;
    }
    expect(seen).toBe(2048);
    expect(server.stats.attentions, 'the request was cancelled (a TDS attention), not read to the end').toBe(attentions + 1);
    let count = 0;
    for await (const batch of streamQuery(pool as unknown as TediousPool, 'SELECT [id] FROM [s].[t]', [], ids, 5000)) count += batch.length;
    expect(count).toBe(25000);
  });
});
