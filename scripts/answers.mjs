#!/usr/bin/env node
// Prints the answers to the six business questions from the sales warehouse's analytics tables.
// Usage: node scripts/answers.mjs [--db project/data/sales_warehouse.duckdb]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({ options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: node scripts/answers.mjs [--db <warehouse.duckdb>]  (default: project/data/sales_warehouse.duckdb)');
  process.exit(0);
}
const db = resolve(values.db ?? new URL('../project/data/sales_warehouse.duckdb', import.meta.url).pathname);
if (!existsSync(db)) {
  console.error(`answers: no warehouse at ${db} — run the ingest and \`tsdbt build\` first`);
  process.exit(2);
}

const money = (v) => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v) => Number(v).toLocaleString('en-US');
const pct = (v) => `${(Number(v) * 100).toFixed(2)}%`;
const BLOCKS = '▁▂▃▄▅▆▇█';

/** A small table: columns are [header, key, format?, align?]; numbers right-aligned. */
function table(title, columns, rows) {
  const cells = rows.map((r) => columns.map(([, key, fmt]) => (r[key] === null ? '' : fmt ? fmt(r[key]) : String(r[key]))));
  const widths = columns.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const right = columns.map(([, , fmt, align]) => align === 'right' || (align === undefined && fmt !== undefined));
  const line = (vals) => vals.map((v, i) => (right[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
  console.log(`\n${title}\n${'─'.repeat(title.length)}`);
  console.log(line(columns.map(([h]) => h)));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  if (rows.length === 0) console.log('(no rows)');
}

const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
const conn = await instance.connect();
const q = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

try {
  table('1. Top 10 customers by lifetime value', [
    ['#', 'revenue_rank', int], ['customer', 'full_name'], ['type', 'customer_type'], ['state', 'state_province'],
    ['country', 'country_region'], ['orders', 'order_count', int], ['net revenue', 'net_revenue', money],
    ['returned', 'returned_amount', money], ['lifetime value', 'lifetime_value', money], ['segment', 'segment'],
  ], await q(`SELECT * FROM analytics.customer_analysis ORDER BY lifetime_value DESC, customer_id LIMIT 10`));

  table('2. Top 10 states by customers (customers with an order)', [
    ['state', 'state'], ['country', 'country'], ['customers', 'customers', int], ['net revenue', 'net_revenue', money],
  ], await q(`SELECT coalesce(state_province, '(no address)') AS state, country_region AS country, count(*) AS customers,
      sum(net_revenue) AS net_revenue FROM analytics.customer_analysis GROUP BY ALL ORDER BY customers DESC, state LIMIT 10`));

  table('3. Top 10 products by net revenue', [
    ['product', 'product_name'], ['category', 'category_name'], ['units', 'units_sold', int],
    ['net revenue', 'net_revenue', money], ['rank in category', 'category_revenue_rank', int],
  ], await q(`SELECT * FROM analytics.product_demand ORDER BY net_revenue DESC, product_id LIMIT 10`));

  const months = await q(`SELECT strftime(order_month, '%Y-%m') AS month, sum(net_revenue) AS net_revenue,
      sum(units_sold) AS units FROM analytics.sales_performance GROUP BY ALL ORDER BY month`);
  const peak = Math.max(...months.map((m) => Number(m.net_revenue)), 0);
  const bar = (v) => '█'.repeat(Math.round((Number(v) / (peak || 1)) * 40));
  table('4. Net revenue by month', [
    ['month', 'month'], ['units', 'units', int], ['net revenue', 'net_revenue', money], ['', 'bar', undefined, 'left'],
  ], months.map((m) => ({ ...m, bar: bar(m.net_revenue) })));
  const spark = months.map((m) => BLOCKS[Math.min(7, Math.floor((Number(m.net_revenue) / (peak || 1)) * 8))]).join('');
  if (months.length > 0) console.log(`\n${months[0].month} ${spark} ${months.at(-1).month}`);

  table('5. Top 10 products by return rate (at least 50 units sold)', [
    ['product', 'product_name'], ['category', 'category_name'], ['units sold', 'units_sold', int],
    ['units returned', 'units_returned', int], ['return rate', 'return_rate', pct],
  ], await q(`SELECT * FROM analytics.product_demand WHERE units_sold >= 50
      ORDER BY return_rate DESC, units_sold DESC, product_id LIMIT 10`));

  table('6. Discount bands', [
    ['band', 'discount_band'], ['lines', 'line_count', int], ['orders', 'order_count', int], ['units', 'units_sold', int],
    ['gross revenue', 'gross_revenue', money], ['discount', 'discount_amount', money], ['net revenue', 'net_revenue', money],
    ['units/line', 'avg_units_per_line', (v) => Number(v).toFixed(2)], ['share of net', 'share_of_net_revenue', pct],
  ], await q(`SELECT * FROM analytics.discount_impact ORDER BY CASE discount_band WHEN 'none' THEN 1
      WHEN 'up to 10%' THEN 2 WHEN '10-20%' THEN 3 ELSE 4 END`));
} catch (e) {
  console.error(`answers: cannot read the analytics tables in ${db}: ${e.message}`);
  process.exitCode = 1;
} finally {
  conn.closeSync();
  instance.closeSync();
}
