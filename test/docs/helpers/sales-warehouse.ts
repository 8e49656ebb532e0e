import { join } from 'node:path';
import type { Connection, Dialect } from '@tsdbt/core';
import { duckDbAdapter } from '@tsdbt/adapter-duckdb';

/**
 * A DuckDB file named `warehouse` (the fixture manifest's database) holding small sales tables with known numbers,
 * so tests can check the site shows exactly what the warehouse holds.
 */
export async function salesWarehouse(dir: string): Promise<{ conn: Connection; dialect: Dialect }> {
  const config = duckDbAdapter.parseConfig({ type: 'duckdb', path: join(dir, 'warehouse.duckdb'), schema: 'analytics' }, 'dev', { projectDir: dir });
  const conn = await duckDbAdapter.connect(config);
  for (const sql of [
    'create schema staging', 'create schema analytics',
    'create table staging.sales_order_detail (sales_order_detail_id integer, sales_order_id integer, product_id integer, special_offer_id integer, order_qty smallint, unit_price decimal(19,4), unit_price_discount decimal(19,4))',
    'insert into staging.sales_order_detail values (1, 10, 1, 1, 2, 10, 0), (2, 10, 2, 2, 1, 5, 0.1)',
    `create table analytics.fact_sales as select sales_order_detail_id, sales_order_id, 1 as customer_id, product_id, date '2013-01-05' as order_date, order_qty, unit_price_discount,
       unit_price * order_qty as gross_amount, unit_price * order_qty * (1 - unit_price_discount) as line_total, 0.0 as subtotal_allocated, 0 as returned_qty from staging.sales_order_detail`,
    `create table analytics.sales_performance as select * from (values (date '2013-01-01', 1, 1200.5), (date '2013-02-01', 1, 3400.0), (date '2013-03-01', 1, 2100.25)) t(order_month, product_id, net_revenue)`,
    `create table analytics.customer_analysis as select * from (values (11, 'Ann Lee', 'Ontario', 900.0), (12, 'Bo Chan', 'Ontario', 700.0), (13, 'Cy Diaz', 'Texas', 800.0)) t(customer_id, full_name, state_province, lifetime_value)`,
    `create table analytics.product_demand as select * from (values (1, 'Road Bike', 120, 5000.0, 0.05), (2, 'Helmet', 80, 800.0, 0.25), (3, 'Glove', 60, 300.0, 0.1)) t(product_id, product_name, units_sold, net_revenue, return_rate)`,
    `create table analytics.discount_impact as select * from (values ('none', 900.0), ('up to 10%', 90.0), ('over 20%', 10.0)) t(discount_band, net_revenue)`,
  ]) await conn.execute(sql);
  return { conn, dialect: duckDbAdapter.createDialect(config) };
}
