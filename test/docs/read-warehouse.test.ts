import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Dialect } from '@tsdbt/core';
import { duckDbAdapter } from '@tsdbt/adapter-duckdb';
import { readCatalog, readDashboard } from '@tsdbt/docs';
import { salesManifest } from '../../packages/docs/test/fixtures/sales-manifest.js';

/** readCatalog and readDashboard against a real DuckDB file through the DuckDB adapter's Connection. */
const dir = mkdtempSync(join(tmpdir(), 'tsdbt-docs-wh-'));
let conn: Connection;
let dialect: Dialect;

beforeAll(async () => {
  const config = duckDbAdapter.parseConfig({ type: 'duckdb', path: join(dir, 'warehouse.duckdb'), schema: 'analytics' }, 'dev', { projectDir: dir });
  conn = await duckDbAdapter.connect(config);
  dialect = duckDbAdapter.createDialect(config);
  for (const sql of [
    'create schema staging', 'create schema analytics',
    'create table staging.sales_order_detail (sales_order_detail_id integer, order_qty smallint, unit_price decimal(19,4), unit_price_discount decimal(19,4))',
    'insert into staging.sales_order_detail values (1, 2, 10, 0), (2, 1, 5, 0.1)',
    'create view staging.stg_sales_order_details as select *, unit_price * order_qty as gross_amount from staging.sales_order_detail',
  ]) await conn.execute(sql);
});

afterAll(async () => {
  await conn?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function buildAnalytics(): Promise<void> {
  for (const sql of [
    `create table analytics.sales_performance as select * from (values (date '2013-01-01', 1, 100.5), (date '2013-01-01', 2, 50.0), (date '2013-02-01', 1, 300.0)) t(order_month, product_id, net_revenue)`,
    `create table analytics.customer_analysis as select * from (values (11, 'Ann Lee', 'Ontario', 900.0), (12, 'Bo Chan', 'Ontario', 700.0), (13, 'Cy Diaz', 'Texas', 800.0)) t(customer_id, full_name, state_province, lifetime_value)`,
    `create table analytics.product_demand as select * from (values (1, 'Road Bike', 120, 5000.0, 0.05), (2, 'Helmet', 40, 800.0, 0.5), (3, 'Glove', 60, 300.0, 0.1)) t(product_id, product_name, units_sold, net_revenue, return_rate)`,
    `create table analytics.discount_impact as select * from (values ('over 20%', 10.0), ('none', 900.0), ('up to 10%', 90.0)) t(discount_band, net_revenue)`,
  ]) await conn.execute(sql);
}

describe('reading the warehouse for docs generate', () => {
  it('skips the dashboard with a note while the analytics tables are absent', async () => {
    const data = await readDashboard(conn, dialect, salesManifest());
    expect(data.series).toEqual([]);
    expect(data.skipped).toMatch(/analytics\.sales_performance does not exist in the warehouse/);
  });

  it('gives a project without the sales models no dashboard and no note; one with only some of them a note', async () => {
    const manifest = salesManifest();
    const others = { ...manifest, nodes: Object.fromEntries(Object.entries(manifest.nodes).filter(([, n]) => !['sales_performance', 'customer_analysis', 'product_demand', 'discount_impact'].includes(n.name))) };
    expect(await readDashboard(conn, dialect, others)).toEqual({ series: [] });
    const some = { ...manifest, nodes: Object.fromEntries(Object.entries(manifest.nodes).filter(([, n]) => n.name !== 'discount_impact')) };
    expect((await readDashboard(conn, dialect, some)).skipped).toBe('Dashboard skipped: the project has no model discount_impact.');
  });

  it('writes catalog v1 entries with columns, types and table row counts; absent relations are left out', async () => {
    const manifest = salesManifest();
    const catalog = await readCatalog(conn, dialect, manifest);
    expect(catalog.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/catalog/v1.json');
    const src = catalog.sources['source.sales_analytics.adventureworks.sales_order_detail']!;
    expect(src.metadata.type).toBe('BASE TABLE');
    expect(src.stats.row_count!.value).toBe(2);
    expect(src.columns.unit_price).toMatchObject({ type: 'DECIMAL(19,4)', index: 3 });
    const view = catalog.nodes['model.sales_analytics.stg_sales_order_details']!;
    expect(view.metadata.type).toBe('VIEW');
    expect(Object.keys(view.columns)).toContain('gross_amount');
    expect(view.stats.row_count).toBeUndefined();
    expect(catalog.nodes['model.sales_analytics.fact_sales']).toBeUndefined();
    expect(catalog.errors).toBeNull();
  });

  it('reads the six answers once the analytics tables exist', async () => {
    await buildAnalytics();
    const data = await readDashboard(conn, dialect, salesManifest());
    const s = Object.fromEntries(data.series.map((x) => [x.id, x]));
    expect(data.skipped).toBeUndefined();
    expect(s.revenue_by_month).toMatchObject({ labels: ['2013-01', '2013-02'], values: [150.5, 300] });
    expect(s.top_customers).toMatchObject({ labels: ['Ann Lee', 'Cy Diaz', 'Bo Chan'], values: [900, 800, 700] });
    expect(s.customers_by_state).toMatchObject({ labels: ['Ontario', 'Texas'], values: [2, 1] });
    expect(s.top_products!.labels[0]).toBe('Road Bike');
    expect(s.return_rates).toMatchObject({ labels: ['Glove', 'Road Bike'], values: [0.1, 0.05] });
    expect(s.discount_bands).toMatchObject({ labels: ['none', 'up to 10%', 'over 20%'], values: [900, 90, 10] });
  });

  it('fails with a coded error naming the query when a model lacks a column', async () => {
    await conn.execute('alter table analytics.discount_impact rename column net_revenue to revenue');
    await expect(readDashboard(conn, dialect, salesManifest())).rejects.toMatchObject({
      code: 'TSDBT_DOCS_DASHBOARD_QUERY_FAILED', message: expect.stringContaining('Net revenue by discount band'),
    });
  });
});
