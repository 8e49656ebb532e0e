import { describe, expect, it } from 'vitest';
import { columnLineageForSql } from '../src/lineage/column-lineage.js';
import { projectColumnLineage } from '../src/lineage/project-lineage.js';
import { RelationLookup } from '../src/lineage/relation-lookup.js';
import type { ColumnLineage } from '../src/lineage/types.js';
import { salesManifest } from './fixtures/sales-manifest.js';

const relations = new RelationLookup([
  { uniqueId: 'model.p.orders', schema: 'staging', identifier: 'orders', columns: ['order_id', 'customer_id', 'amount', 'order_date'], complete: true },
  { uniqueId: 'model.p.customers', schema: 'staging', identifier: 'customers', columns: ['customer_id', 'name', 'state'], complete: true },
  { uniqueId: 'source.p.raw.events', schema: 'raw', identifier: 'events' },
  // Documented columns only (no catalog): a subset, so other columns may exist.
  { uniqueId: 'source.p.raw.clicks', schema: 'raw', identifier: 'clicks', columns: ['click_id'] },
]);
const lineage = (sql: string, columns?: string[]) => columnLineageForSql(sql, { relations, columns });
const byName = (rows: ColumnLineage[]) => Object.fromEntries(rows.map((r) => [r.column, r]));
const src = (node: string, column: string) => ({ node: `model.p.${node}`, column });

describe('column lineage from compiled SQL', () => {
  it('traces direct columns, renames and expressions through aliases and joins', () => {
    const out = byName(lineage(`select o.order_id, c.name as customer_name, o.amount * 1.2 as gross
      from "db"."staging"."orders" o join staging.customers c on c.customer_id = o.customer_id`));
    expect(out.order_id).toEqual({ column: 'order_id', kind: 'direct', sources: [src('orders', 'order_id')] });
    expect(out.customer_name).toEqual({ column: 'customer_name', kind: 'rename', sources: [src('customers', 'name')] });
    expect(out.gross).toEqual({ column: 'gross', kind: 'expression', sources: [src('orders', 'amount')] });
  });

  it('follows CTEs, aggregates and unqualified columns resolved by the known columns', () => {
    const out = byName(lineage(`with o as (select customer_id as cid, amount from staging.orders),
      agg as (select cid, sum(amount) as total, count(*) as n from o group by cid)
      select agg.cid as customer_id, name, total, n, 'x' as tag from agg join staging.customers c on c.customer_id = agg.cid`));
    expect(out.customer_id).toMatchObject({ kind: 'direct', sources: [src('orders', 'customer_id')] });
    expect(out.name).toMatchObject({ kind: 'direct', sources: [src('customers', 'name')] });
    expect(out.total).toMatchObject({ kind: 'aggregate', sources: [src('orders', 'amount')] });
    expect(out.n).toMatchObject({ kind: 'aggregate', sources: [] });
    expect(out.tag).toMatchObject({ kind: 'constant', sources: [] });
  });

  it('expands select * from the known columns and from a subquery', () => {
    const out = lineage('select * from (select order_id, amount as value from staging.orders) s, staging.customers');
    expect(out.map((c) => c.column)).toEqual(['order_id', 'value', 'customer_id', 'name', 'state']);
    expect(byName(out).value).toMatchObject({ kind: 'rename', sources: [src('orders', 'amount')] });
  });

  it('without a catalog, a column under a single select * can only come from that one relation', () => {
    const out = byName(lineage('with e as (select * from raw.events) select event_id, upper(kind) as kind from e', ['event_id', 'kind']));
    expect(out.event_id).toMatchObject({ kind: 'direct', sources: [{ node: 'source.p.raw.events', column: 'event_id' }] });
    expect(out.kind).toMatchObject({ kind: 'expression', sources: [{ node: 'source.p.raw.events', column: 'kind' }] });
    const partial = byName(lineage('select click_id, url from raw.clicks'));
    expect(partial.url).toMatchObject({ kind: 'direct', sources: [{ node: 'source.p.raw.clicks', column: 'url' }] });
  });

  it('reads DuckDB and Snowflake forms: QUALIFY, GROUP BY ALL, * EXCLUDE, quoted names, recursive CTEs', () => {
    const duck = (sql: string, columns?: string[]) => columnLineageForSql(sql, { relations, columns, database: ['postgresql', 'snowflake'] });
    expect(byName(duck('select order_id, amount from staging.orders qualify row_number() over (partition by customer_id order by amount) = 1')).amount)
      .toMatchObject({ kind: 'direct', sources: [src('orders', 'amount')] });
    expect(byName(duck('select customer_id, sum(amount) as total from staging.orders group by all')).total).toMatchObject({ kind: 'aggregate' });
    expect(duck('select * exclude (amount, order_date) from staging.orders').map((c) => c.column)).toEqual(['order_id', 'customer_id']);
    const replaced = byName(duck("select * replace (amount * 2 as amount) from staging.orders", ['amount']));
    expect(replaced.amount).toMatchObject({ kind: 'unresolved' }); // neither grammar reads REPLACE: a parse failure, said as such
    const excludedUnknown = byName(duck('select * exclude (kind) from raw.events', ['kind']));
    expect(excludedUnknown.kind).toMatchObject({ kind: 'unresolved' });
    const quoted = byName(columnLineageForSql('select "amount" as "Amount due" from "STAGING"."ORDERS"', { relations, database: 'snowflake' }));
    expect(quoted['Amount due']).toMatchObject({ kind: 'rename', sources: [src('orders', 'amount')] });
    const recursive = byName(duck('with recursive r as (select order_id as n from staging.orders union all select n + 1 from r where n < 3) select n from r'));
    expect(recursive.n).toMatchObject({ kind: 'expression', sources: [src('orders', 'order_id')] });
  });

  it('merges UNION branches by position', () => {
    const out = byName(lineage('select order_id as id from staging.orders union all select customer_id from staging.customers'));
    expect(out.id!.sources).toEqual([src('orders', 'order_id'), src('customers', 'customer_id')]);
  });

  it('says why instead of guessing: ambiguity, unknown columns, unknown tables, parse errors', () => {
    const amb = byName(lineage('select customer_id from staging.orders join staging.customers using (customer_id)'));
    expect(amb.customer_id).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('ambiguous') });
    const twoStars = byName(lineage('select * from raw.events, raw.clicks', ['event_id']));
    expect(twoStars.event_id).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('several tables whose columns are not all known') });
    const unqualified = byName(lineage('select click_id, page from raw.clicks c join raw.events e on e.id = c.id'));
    expect(unqualified.click_id).toMatchObject({ kind: 'direct', sources: [{ node: 'source.p.raw.clicks', column: 'click_id' }] });
    expect(unqualified.page).toMatchObject({ kind: 'unresolved', reason: 'cannot tell which table page comes from' });
    const outside = byName(lineage('select x from other.thing'));
    expect(outside.x).toMatchObject({ kind: 'unresolved', reason: 'reads other.thing, which is not a node of the project' });
    const missing = byName(lineage('select o.nope from staging.orders o'));
    expect(missing.nope).toMatchObject({ kind: 'unresolved', reason: 'nope is not a column of orders' });
    const broken = byName(lineage('select from where', ['a']));
    expect(broken.a).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('could not be parsed') });
    const absent = byName(lineage('select order_id from staging.orders', ['order_id', 'ghost']));
    expect(absent.ghost).toMatchObject({ kind: 'unresolved', reason: 'the column is not in the select list of the compiled SQL' });
  });

  it('computes the sales project: fact_sales lines trace to staging and sources', () => {
    const all = projectColumnLineage(salesManifest());
    const fact = byName(all['model.sales_analytics.fact_sales']!);
    expect(fact.line_total).toMatchObject({ kind: 'direct', sources: [{ node: 'model.sales_analytics.stg_sales_order_details', column: 'line_total' }] });
    expect(fact.customer_id!.sources).toEqual([{ node: 'model.sales_analytics.stg_sales_orders', column: 'customer_id' }]);
    expect(fact.subtotal_allocated!.kind).toBe('aggregate');
    expect(fact.returned_qty!.sources).toEqual([{ node: 'source.sales_analytics.adventureworks.sales_order_return', column: 'return_qty' }]);
    const stgDetails = byName(all['model.sales_analytics.stg_sales_order_details']!);
    expect(stgDetails.order_qty!.sources).toEqual([{ node: 'source.sales_analytics.adventureworks.sales_order_detail', column: 'order_qty' }]);
    expect(byName(all['model.sales_analytics.discount_impact']!).mystery!.kind).toBe('unresolved');
  });
});

describe('the lineage cache', () => {
  it('reuses results for unchanged inputs and recomputes a model whose SQL or parents changed', () => {
    const manifest = salesManifest();
    const cache = new Map<string, ColumnLineage[]>();
    const first = projectColumnLineage(manifest, undefined, cache);
    expect(cache.size).toBe(Object.keys(first).length);
    // Poison every entry: a second run with the same inputs must return the cached (poisoned) values.
    for (const key of cache.keys()) cache.set(key, []);
    expect(Object.values(projectColumnLineage(manifest, undefined, cache)).every((l) => l.length === 0)).toBe(true);
    const fact = manifest.nodes['model.sales_analytics.fact_sales']!;
    fact.compiled_code = `${fact.compiled_code}\n-- changed`;
    manifest.sources['source.sales_analytics.adventureworks.sales_order_header']!.columns.extra = { ...manifest.sources['source.sales_analytics.adventureworks.sales_order_header']!.columns.status!, name: 'extra' };
    const third = projectColumnLineage(manifest, undefined, cache);
    expect(third['model.sales_analytics.fact_sales']!.length).toBeGreaterThan(0);
    expect(third['model.sales_analytics.stg_sales_orders']!.length).toBeGreaterThan(0);
    expect(third['model.sales_analytics.stg_products']).toEqual([]);
    expect(cache.size).toBe(Object.keys(third).length);
  });
});
