import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { makeProject, mssqlSource } from '../ingest/helpers/fixture-project.js';
import { createOrderHeader, insertOrders } from '../ingest/helpers/source-tables.js';
import { CLI, runCli } from '../ingest/helpers/run-cli.js';

const built = existsSync(CLI.replace(/bin[/\\]tsdbt\.js$/u, 'dist/bin.js'));
type StandIn = SnowflakeStandIn;
let tds: TdsServer;
let sfServer: StandIn;
let sf: Connection;
const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', warehouse: 'wh', schema: 'analytics', threads: 2, host: '127.0.0.1', port: sfServer.port, protocol: 'http' });

beforeAll(async () => {
  tds = await startTdsServer();
  await createOrderHeader(tds.admin, 8000);
  sfServer = await startStandIn();
  sf = await adapter.connect(adapter.parseConfig(output(), 'sf', { projectDir: '.' }));
});
afterAll(async () => {
  await sf?.close();
  await SessionPool.closeAll();
  await sfServer?.close();
  await tds?.close();
});

describe.skipIf(!built)('tsdbt ingest into Snowflake killed mid-load, then rerun (needs the built CLI)', () => {
  it('ends equal to the source: no row lost, none duplicated', async () => {
    const project = makeProject('ingest-sf-kill');
    writeFileSync(join(project.dir, 'profiles.yml'), stringify({ sales: { target: 'sf', outputs: { sf: output() } } }));
    project.writeIngest({ source: mssqlSource(tds.port), chunk_size: 1000, tables: [{ name: 'Sales.SalesOrderHeader', table_name: 'orders_merged', write_disposition: 'merge', cursor: 'ModifiedDate' }] });
    let kills = 0;
    let nextId = 8001;
    for (const killAfter of [2, 4]) {
      let seen = 0;
      const run = await runCli(['ingest', '--log-format', 'json'], project.dir, (line, child) => {
        if (line.startsWith('{') && ++seen === killAfter) child.kill('SIGKILL');
      });
      expect(run.stderr).not.toMatch(/error TSDBT_INTERNAL/u);
      if (run.signal === 'SIGKILL') kills++;
      await insertOrders(tds.admin, nextId, 1000);
      nextId += 1000;
    }
    expect(kills).toBeGreaterThan(0);
    const final = await runCli(['ingest'], project.dir);
    expect(final.code, final.stderr + final.stdout).toBe(0);
    const src = (await tds.admin.runAndReadAll('SELECT count(*)::VARCHAR, sum("SalesOrderID")::VARCHAR FROM "Sales"."SalesOrderHeader"')).getRows()[0]!.map(String);
    const dst = (await sf.execute('select count(*), sum(sales_order_id), count(distinct sales_order_id) from sales.staging.orders_merged')).rows[0]!.map(String);
    expect(dst).toEqual([src[0], src[1], src[0]]);
  });
});
