import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeProject, mssqlSource } from '../ingest/helpers/fixture-project.js';
import { tdsToSnowflake } from './helpers/tds-to-snowflake.js';
import { insertOrders } from '../ingest/helpers/source-tables.js';
import { CLI, runCli } from '../ingest/helpers/run-cli.js';

const built = existsSync(CLI.replace(/bin[/\\]tsdbt\.js$/u, 'dist/bin.js'));
const env = tdsToSnowflake(8000);

describe.skipIf(!built)('tsdbt ingest into Snowflake killed mid-load, then rerun (needs the built CLI)', () => {
  it('ends equal to the source: no row lost, none duplicated', async () => {
    const project = makeProject('ingest-sf-kill');
    env.writeProfile(project.dir);
    project.writeIngest({ source: mssqlSource(env.tds.port), chunk_size: 1000, tables: [{ name: 'Sales.SalesOrderHeader', table_name: 'orders_merged', write_disposition: 'merge', cursor: 'ModifiedDate' }] });
    let kills = 0;
    let nextId = 8001;
    for (const killAfter of [2, 4]) {
      let seen = 0;
      const run = await runCli(['ingest', '--log-format', 'json'], project.dir, (line, child) => {
        if (line.startsWith('{') && ++seen === killAfter) child.kill('SIGKILL');
      });
      expect(run.stderr).not.toMatch(/error TSDBT_INTERNAL/u);
      if (run.signal === 'SIGKILL') kills++;
      await insertOrders(env.tds.admin, nextId, 1000);
      nextId += 1000;
    }
    expect(kills).toBeGreaterThan(0);
    const final = await runCli(['ingest'], project.dir);
    expect(final.code, final.stderr + final.stdout).toBe(0);
    const src = (await env.tds.admin.runAndReadAll('SELECT count(*)::VARCHAR, sum("SalesOrderID")::VARCHAR FROM "Sales"."SalesOrderHeader"')).getRows()[0]!.map(String);
    const dst = (await env.sf.execute('select count(*), sum(sales_order_id), count(distinct sales_order_id) from sales.staging.orders_merged')).rows[0]!.map(String);
    expect(dst).toEqual([src[0], src[1], src[0]]);
  });
});
