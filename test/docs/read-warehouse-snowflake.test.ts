import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Dialect, Manifest } from '@tsdbt/core';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import { readCatalog, readDashboard } from '@tsdbt/docs';
// @ts-expect-error the stand-in is plain JavaScript with no type declarations
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import { salesManifest } from '../../packages/docs/test/fixtures/sales-manifest.js';

/** readCatalog and readDashboard use only the core Connection, so they work through snowflake-sdk as well. */
type StandIn = { port: number; close(): Promise<void> };
let standIn: StandIn;
let conn: Connection;
let dialect: Dialect;

/** The fixture manifest as a Snowflake project would have it: database `sales`. */
function snowflakeManifest(): Manifest {
  const manifest = salesManifest();
  manifest.metadata.adapter_type = 'snowflake';
  for (const n of [...Object.values(manifest.nodes), ...Object.values(manifest.sources)]) n.database = 'sales';
  return manifest;
}

beforeAll(async () => {
  standIn = await (startStandIn as () => Promise<StandIn>)();
  const config = adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', warehouse: 'wh', schema: 'analytics', host: '127.0.0.1', port: standIn.port, protocol: 'http' }, 'snowflake', { projectDir: '.' });
  conn = await adapter.connect(config);
  dialect = adapter.createDialect(config);
  for (const sql of [
    'create schema if not exists sales.analytics',
    'create table sales.analytics.sales_performance (order_month date, product_id number(38,0), net_revenue number(19,4))',
    "insert into sales.analytics.sales_performance values ('2013-01-01', 1, 100.5), ('2013-01-01', 2, 50), ('2013-02-01', 1, 300)",
    'create table sales.analytics.customer_analysis (customer_id number(38,0), full_name varchar, state_province varchar, lifetime_value number(19,4))',
    "insert into sales.analytics.customer_analysis values (11, 'Ann Lee', 'Ontario', 900), (12, 'Bo Chan', 'Ontario', 700), (13, 'Cy Diaz', 'Texas', 800)",
    'create table sales.analytics.product_demand (product_id number(38,0), product_name varchar, units_sold number(38,0), net_revenue number(19,4), return_rate float)',
    "insert into sales.analytics.product_demand values (1, 'Road Bike', 120, 5000, 0.05), (2, 'Helmet', 80, 800, 0.25)",
    'create table sales.analytics.discount_impact (discount_band varchar, net_revenue number(19,4))',
    "insert into sales.analytics.discount_impact values ('over 20%', 10), ('none', 900)",
  ]) await conn.execute(sql);
}, 120_000);

afterAll(async () => {
  await conn?.close();
  await SessionPool.closeAll();
  await standIn?.close();
});

describe('reading a Snowflake warehouse for docs generate', () => {
  it('builds catalog entries with Snowflake types and row counts', async () => {
    const catalog = await readCatalog(conn, dialect, snowflakeManifest());
    const fact = catalog.nodes['model.sales_analytics.customer_analysis']!;
    expect(fact.metadata.type).toBe('BASE TABLE');
    expect(fact.stats.row_count!.value).toBe(3);
    expect(Object.keys(fact.columns).map((c) => c.toLowerCase())).toEqual(['customer_id', 'full_name', 'state_province', 'lifetime_value']);
    expect(catalog.nodes['model.sales_analytics.fact_sales']).toBeUndefined();
  });

  it('reads the six answers', async () => {
    const data = await readDashboard(conn, dialect, snowflakeManifest());
    expect(data.skipped).toBeUndefined();
    const s = Object.fromEntries(data.series.map((x) => [x.id, x]));
    expect(s.revenue_by_month).toMatchObject({ labels: ['2013-01', '2013-02'], values: [150.5, 300] });
    expect(s.top_customers).toMatchObject({ labels: ['Ann Lee', 'Cy Diaz', 'Bo Chan'], values: [900, 800, 700] });
    expect(s.discount_bands).toMatchObject({ labels: ['none', 'over 20%'], values: [900, 10] });
  });
});
