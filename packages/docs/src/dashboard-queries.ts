import { TsdbtError, type Connection, type Dialect, type Manifest, type RelationRef } from '@tsdbt/core';
import type { DashboardData, DashboardSeries } from './site-payload.js';

/** The analytics models of the sales project (issue 5) the dashboard reads. */
export const DASHBOARD_MODELS = ['sales_performance', 'customer_analysis', 'product_demand', 'discount_impact'] as const;
type Model = (typeof DASHBOARD_MODELS)[number];

interface Query {
  series: Omit<DashboardSeries, 'labels' | 'values'>;
  /** Portable SQL (DuckDB and Snowflake); `{model}` placeholders become relations. Selects (label, value). */
  sql: string;
}

const BAND_ORDER = `case discount_band when 'none' then 0 when 'up to 10%' then 1 when '10-20%' then 2 else 3 end`;

/** The six answers of the sales project: what the site's dashboard charts. */
export const DASHBOARD_QUERIES: Query[] = [
  { series: { id: 'revenue_by_month', title: 'Net revenue by month', kind: 'line', xLabel: 'Month', yLabel: 'Net revenue (USD)', format: 'currency' },
    sql: 'select order_month, sum(net_revenue) from {sales_performance} group by order_month order by order_month' },
  { series: { id: 'top_customers', title: 'Top 10 customers by lifetime value', kind: 'bar', xLabel: 'Customer', yLabel: 'Lifetime value (USD)', format: 'currency' },
    sql: 'select full_name, lifetime_value from {customer_analysis} order by lifetime_value desc, customer_id limit 10' },
  { series: { id: 'customers_by_state', title: 'Top 10 states by customers', kind: 'bar', xLabel: 'State / province', yLabel: 'Customers', format: 'count' },
    sql: 'select state_province, count(*) as customers from {customer_analysis} where state_province is not null group by state_province order by customers desc, state_province limit 10' },
  { series: { id: 'top_products', title: 'Top 10 products by net revenue', kind: 'bar', xLabel: 'Product', yLabel: 'Net revenue (USD)', format: 'currency' },
    sql: 'select product_name, net_revenue from {product_demand} order by net_revenue desc, product_id limit 10' },
  { series: { id: 'return_rates', title: 'Top 10 return rates (products with at least 50 units sold)', kind: 'bar', xLabel: 'Product', yLabel: 'Return rate', format: 'percent' },
    sql: 'select product_name, return_rate from {product_demand} where units_sold >= 50 order by return_rate desc, product_id limit 10' },
  { series: { id: 'discount_bands', title: 'Net revenue by discount band', kind: 'bar', xLabel: 'Discount band', yLabel: 'Net revenue (USD)', format: 'currency' },
    sql: `select discount_band, net_revenue from {discount_impact} order by ${BAND_ORDER}` },
];

function label(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 7);
  if (value === null || value === undefined) return '(none)';
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 7) : text;
}

/**
 * Runs the dashboard's queries against the analytics tables the manifest names. A project with none of those models
 * (any project but the sales one) gets no dashboard and no message. When some are missing from the manifest or not
 * built in the warehouse, returns `skipped` with the reason instead of failing `docs generate`.
 */
export async function readDashboard(connection: Connection, dialect: Dialect, manifest: Manifest): Promise<DashboardData> {
  const relations = new Map<Model, string>();
  const models = Object.values(manifest.nodes).filter((n) => n.resource_type === 'model');
  const nodes = DASHBOARD_MODELS.map((model) => models.find((n) => n.name === model));
  if (nodes.every((n) => !n)) return { series: [] };
  const missing = DASHBOARD_MODELS.find((_, i) => !nodes[i]);
  if (missing) return { series: [], skipped: `Dashboard skipped: the project has no model ${missing}.` };
  for (const [i, model] of DASHBOARD_MODELS.entries()) {
    const node = nodes[i]!;
    const rel: RelationRef = { database: node.database ?? undefined, schema: node.schema, identifier: node.alias || node.name };
    if (!(await connection.getRelation(rel))) {
      return { series: [], skipped: `Dashboard skipped: ${node.schema}.${rel.identifier} does not exist in the warehouse (run tsdbt build first).` };
    }
    relations.set(model, dialect.renderRelation(rel));
  }
  const series: DashboardSeries[] = [];
  for (const q of DASHBOARD_QUERIES) {
    const sql = q.sql.replace(/\{(\w+)\}/g, (_, m: string) => relations.get(m as Model) ?? m);
    const result = await connection.execute(sql).catch((cause: unknown) => {
      throw new TsdbtError('TSDBT_DOCS_DASHBOARD_QUERY_FAILED', `The dashboard query "${q.series.title}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
        cause, hint: 'The dashboard reads the sales project\'s analytics models (project/models/analytics); check the columns of the model named in the query.',
      });
    });
    series.push({ ...q.series, labels: result.rows.map((r) => label(r[0])), values: result.rows.map((r) => Number(r[1] ?? 0)) });
  }
  return { series };
}
