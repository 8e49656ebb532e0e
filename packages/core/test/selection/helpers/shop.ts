import type { Manifest } from '../../../src/manifest/types.js';
import { ManifestBuilder } from './manifest-builder.js';

/**
 * The small project most selection tests share:
 *
 *   raw.orders → stg_orders ─┐                 ┌→ revenue (finance) → weekly_kpis (exposure)
 *   raw.customers → stg_customers ─┼→ orders ──┘           customers ─┘
 *   country_codes (seed) ──────────┘     stg_customers → customers
 *   stg_orders → orders_snapshot;  orders → explore (analysis)
 */
export function shopBuilder(): ManifestBuilder {
  return new ManifestBuilder('shop')
    .source('raw', 'orders', { path: 'staging/sources.yml' })
    .source('raw', 'customers', { path: 'staging/sources.yml' })
    .seed('country_codes')
    .model('stg_orders', { path: 'staging/stg_orders.sql', sources: [['raw', 'orders']], tags: ['staging', 'nightly'] })
    .model('stg_customers', { path: 'staging/stg_customers.sql', sources: [['raw', 'customers']], tags: ['staging'] })
    .model('orders', { path: 'marts/orders.sql', refs: ['stg_orders', 'stg_customers', 'country_codes'], tags: ['nightly'], config: { materialized: 'table' } })
    .model('customers', { path: 'marts/customers.sql', refs: ['stg_customers'], config: { meta: { owner: 'ana', pii: true }, unique_key: ['id', 'day'], severity: 'ERROR' } })
    .model('revenue', { path: 'marts/finance/revenue.sql', refs: ['orders'], config: { materialized: 'incremental' } })
    .snapshot('orders_snapshot', { refs: ['stg_orders'] })
    .analysis('explore', { refs: ['orders'] })
    .test('not_null_stg_orders_id', { generic: 'not_null', on: ['stg_orders'], path: 'models/staging/schema.yml' })
    .test('unique_orders_id', { generic: 'unique', on: ['orders'], path: 'models/marts/schema.yml', config: { severity: 'warn' } })
    .test('relationships_orders_customer_id__id__ref_customers_', { generic: 'relationships', on: ['orders', 'customers'], path: 'models/marts/schema.yml' })
    .test('assert_revenue_positive', { refs: ['revenue'] })
    .unitTest('ut_orders_total', 'orders')
    .exposure('weekly_kpis', ['revenue', 'customers']);
}

export function shop(): Manifest {
  return shopBuilder().build();
}

/** `model.shop.orders` → `orders`: short names make expectations readable. */
export function names(ids: string[]): string[] {
  return ids.map((id) => id.split('.').slice(2).join('.'));
}
