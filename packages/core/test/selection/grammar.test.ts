import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../src/selection/index.js';
import { names, shop } from './helpers/shop.js';

const sel = (...select: string[]) => names(selectNodes(shop(), { select, indirectSelection: 'empty' })).sort();

describe('graph operators', () => {
  it('selects one model by name', () => {
    expect(sel('orders')).toEqual(['orders']);
  });

  it('+model selects all ancestors', () => {
    expect(sel('+orders')).toEqual(['country_codes', 'orders', 'raw.customers', 'raw.orders', 'stg_customers', 'stg_orders']);
  });

  it('model+ selects all descendants', () => {
    expect(sel('stg_customers+')).toEqual(
      ['assert_revenue_positive', 'customers', 'explore', 'orders', 'relationships_orders_customer_id__id__ref_customers_', 'revenue', 'stg_customers', 'unique_orders_id', 'ut_orders_total', 'weekly_kpis'],
    );
  });

  it('N+model limits the ancestor depth', () => {
    expect(sel('1+revenue')).toEqual(['orders', 'revenue']);
    expect(sel('2+revenue')).toEqual(['country_codes', 'orders', 'revenue', 'stg_customers', 'stg_orders']);
  });

  it('model+N limits the descendant depth', () => {
    expect(sel('stg_orders+1')).toEqual(['not_null_stg_orders_id', 'orders', 'orders_snapshot', 'stg_orders']);
  });

  it('+model+ selects both directions', () => {
    expect(sel('+revenue+')).toEqual(['assert_revenue_positive', 'country_codes', 'orders', 'raw.customers', 'raw.orders', 'revenue', 'stg_customers', 'stg_orders', 'weekly_kpis']);
  });

  it('@model selects descendants and all their ancestors', () => {
    // customers → weekly_kpis, whose other parent revenue brings orders and its whole upstream.
    expect(sel('@customers')).toEqual(
      ['country_codes', 'customers', 'orders', 'raw.customers', 'raw.orders', 'relationships_orders_customer_id__id__ref_customers_', 'revenue', 'stg_customers', 'stg_orders', 'weekly_kpis'],
    );
  });

  it('rejects @ combined with a + prefix', () => {
    expect(() => sel('@+orders')).toThrow(/cannot be combined/);
  });

  it('0+ and +0 select only the node', () => {
    expect(sel('0+orders+0')).toEqual(['orders']);
  });
});

describe('names, wildcards and fqn paths', () => {
  it('wildcards match the rest of the fqn from their part on, as in dbt', () => {
    expect(sel('staging.stg_*')).toEqual(['stg_customers', 'stg_orders']);
    expect(sel('*.stg_c*')).toEqual(['stg_customers']);
    expect(sel('shop.marts.finance.rev?nue')).toEqual(['revenue']);
    expect(sel('marts.[cr]*')).toEqual(['customers', 'relationships_orders_customer_id__id__ref_customers_']);
    // Without a folder the pattern meets `staging.stg_orders`, so it does not match (dbt behaves the same).
    expect(sel('stg_*')).toEqual([]);
  });

  it('a folder name selects everything in it (fqn prefix without the package); sources are not fqn-selected', () => {
    // The generic test is defined in models/staging/schema.yml, so its fqn is shop.staging.<test>, as in dbt.
    expect(sel('staging')).toEqual(['not_null_stg_orders_id', 'stg_customers', 'stg_orders']);
  });

  it('dotted fqn paths, with and without the package, with wildcards per part', () => {
    expect(sel('shop.marts.finance.revenue')).toEqual(['revenue']);
    expect(sel('marts.finance')).toEqual(['revenue']);
    expect(sel('shop.marts.*')).toEqual(['customers', 'orders', 'relationships_orders_customer_id__id__ref_customers_', 'revenue', 'unique_orders_id']);
    expect(sel('*.finance.*')).toEqual(['revenue']);
  });

  it('the package name selects the whole package', () => {
    expect(sel('shop')).toHaveLength(13);
  });

  it('a value with a slash is a path, a .sql value a file', () => {
    expect(sel('models/marts/finance')).toEqual(['revenue']);
    expect(sel('stg_orders.sql')).toEqual(['stg_orders']);
  });
});
