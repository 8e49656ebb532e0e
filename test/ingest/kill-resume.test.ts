import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader, createProduct, insertOrders } from './helpers/source-tables.js';
import { CLI, runCli } from './helpers/run-cli.js';
import { queryWarehouse } from './helpers/warehouse.js';

const built = existsSync(CLI.replace(/bin[/\\]tsdbt\.js$/, 'dist/bin.js'));
let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
  await createOrderHeader(server.admin, 20000);
  await createProduct(server.admin, 500);
});
afterAll(async () => server?.close());

/** A small deterministic generator (mulberry32) so a failing kill point can be replayed from the seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sourceChecksum() {
  const r = await server.admin.runAndReadAll(`SELECT count(*)::VARCHAR, sum("SalesOrderID")::VARCHAR, sum("SubTotal")::VARCHAR,
    sum(hash("Comment", "ModifiedDate"))::VARCHAR FROM "Sales"."SalesOrderHeader"`);
  return r.getRows()[0]!.map(String);
}

async function destinationChecksum(warehouse: string, table: string) {
  const [row] = await queryWarehouse(warehouse, `SELECT count(*)::VARCHAR AS n, sum(sales_order_id)::VARCHAR AS ids, sum(sub_total)::VARCHAR AS total,
    sum(hash(comment, modified_date))::VARCHAR AS h, count(DISTINCT sales_order_id)::VARCHAR AS d FROM staging.${table}`);
  return row!;
}

describe.skipIf(!built)('kill at random points, then rerun', () => {
  it('append (cursor) and merge tables end equal to the source: no row lost, none duplicated', async () => {
    const seed = Number(process.env.TSDBT_KILL_SEED ?? 20261125);
    const random = rng(seed);
    const project = makeProject('kill');
    project.writeIngest({
      source: mssqlSource(server.port), chunk_size: 1000, parallelism: 2,
      tables: [
        { name: 'Sales.SalesOrderHeader', write_disposition: 'append', cursor: 'ModifiedDate' },
        { name: 'Sales.SalesOrderHeader', table_name: 'orders_merged', write_disposition: 'merge', cursor: 'ModifiedDate' },
        'Production.Product',
      ],
    });
    let nextId = 20001;
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      // Kill after a random number of JSON events (progress, start, done), plus a random few milliseconds.
      const killAfter = 1 + Math.floor(random() * 12);
      const extraMs = Math.floor(random() * 40);
      let seen = 0;
      const killed = await runCli(['ingest', '--log-format', 'json'], project.dir, (line, child) => {
        if (line.startsWith('{') && ++seen === killAfter) setTimeout(() => child.kill('SIGKILL'), extraMs);
      });
      expect(killed.stderr, `seed ${seed} round ${round}`).not.toMatch(/error TSDBT_INTERNAL/);
      if (killed.signal === 'SIGKILL') kills++;
      // The source moves on between runs: new rows (some at the current boundary) and updated rows.
      await insertOrders(server.admin, nextId, 1500, round === 1 ? '2026-01-01 00:00:00' : undefined);
      nextId += 1500;
      await server.admin.run(`UPDATE "Sales"."SalesOrderHeader" SET "Comment" = 'r${round}', "ModifiedDate" = TIMESTAMP '2026-06-01' + to_days(${round}) WHERE "SalesOrderID" % 997 = ${round}`);
    }
    expect(kills, 'the runs were really killed mid-load').toBeGreaterThan(0);
    const final = await runCli(['ingest'], project.dir);
    expect(final.code, final.stderr).toBe(0);
    const [n, ids, total, h] = await sourceChecksum();
    const merged = await destinationChecksum(project.warehouse, 'orders_merged');
    expect(merged, `seed ${seed}`).toEqual({ n, ids, total, h, d: n });
    // Append keeps every version of an updated row once; its distinct keys still equal the source's.
    const appended = await destinationChecksum(project.warehouse, 'sales_order_header');
    expect(appended.d, `seed ${seed}`).toBe(n);
    const dupes = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM (SELECT sales_order_id, modified_date, count(*) c FROM staging.sales_order_header GROUP BY ALL HAVING c > 1)`);
    expect(dupes[0]!.n, `seed ${seed}`).toBe('0');
    const product = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM staging.product`);
    expect(product[0]!.n).toBe('500');
  });
});
