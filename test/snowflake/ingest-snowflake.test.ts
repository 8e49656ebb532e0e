import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runIngest } from '@tsdbt/ingest';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { makeProject, mssqlSource } from '../ingest/helpers/fixture-project.js';
import { createOrderHeader } from '../ingest/helpers/source-tables.js';

type StandIn = SnowflakeStandIn;
let tds: TdsServer;
let sfServer: StandIn;
let sf: Connection;
const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', warehouse: 'wh', schema: 'analytics', threads: 2, host: '127.0.0.1', port: sfServer.port, protocol: 'http' });

beforeAll(async () => {
  tds = await startTdsServer();
  await createOrderHeader(tds.admin, 1200);
  sfServer = await startStandIn();
  sf = await adapter.connect(adapter.parseConfig(output(), 'sf', { projectDir: '.' }));
});
afterAll(async () => {
  await sf?.close();
  await SessionPool.closeAll();
  await sfServer?.close();
  await tds?.close();
});

describe('tsdbt ingest into Snowflake (stand-in) through PUT and COPY INTO', () => {
  it('lands every row with Snowflake types, and a rerun neither loses nor duplicates rows', async () => {
    const project = makeProject('ingest-sf');
    writeFileSync(join(project.dir, 'profiles.yml'), stringify({ sales: { target: 'sf', outputs: { sf: output() } } }));
    project.writeIngest({ source: mssqlSource(tds.port), chunk_size: 500, tables: ['Sales.SalesOrderHeader'] });
    const first = await runIngest({ projectDir: project.dir });
    expect(first.tables.map((t) => [t.source, t.status, t.rows])).toEqual([['Sales.SalesOrderHeader', 'loaded', 1200]]);
    const cols = await sf.getColumns({ database: 'SALES', schema: 'STAGING', identifier: 'SALES_ORDER_HEADER' });
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('SUB_TOTAL NUMBER(19,4)');
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('ORDER_DATE TIMESTAMP_NTZ(9)');
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('ONLINE_ORDER_FLAG BOOLEAN');
    const count = async () => (await sf.execute('select count(*), count(distinct sales_order_id), sum(sub_total) from sales.staging.sales_order_header')).rows[0]!.map(Number);
    const before = await count();
    expect(before.slice(0, 2)).toEqual([1200, 1200]);
    await runIngest({ projectDir: project.dir });
    expect(await count()).toEqual(before);
  });
});
