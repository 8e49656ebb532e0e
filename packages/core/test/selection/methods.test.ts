import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../src/selection/index.js';
import { ManifestBuilder } from './helpers/manifest-builder.js';
import { names, shop } from './helpers/shop.js';

const sel = (...select: string[]) => names(selectNodes(shop(), { select, indirectSelection: 'empty' })).sort();

describe('selector methods', () => {
  it('tag:', () => {
    expect(sel('tag:nightly')).toEqual(['orders', 'stg_orders']);
    expect(sel('tag:stag*')).toEqual(['stg_customers', 'stg_orders']);
  });

  it('path: folder, file, trailing slash, glob, and the YAML that defines sources and tests', () => {
    expect(sel('path:models/marts/finance/')).toEqual(['revenue']);
    expect(sel('path:models/staging/stg_orders.sql')).toEqual(['stg_orders']);
    expect(sel('path:models/staging/*.yml')).toEqual(['not_null_stg_orders_id', 'raw.customers', 'raw.orders']);
    expect(sel('path:models/**/revenue.sql')).toEqual(['revenue']);
    expect(sel('path:seeds')).toEqual(['country_codes']);
  });

  it('file: with or without the extension', () => {
    expect(sel('file:revenue.sql')).toEqual(['revenue']);
    expect(sel('file:revenue')).toEqual(['revenue']);
    expect(sel('file:country_codes.csv')).toEqual(['country_codes']);
  });

  it('fqn:', () => {
    expect(sel('fqn:revenue')).toEqual(['revenue']);
    expect(sel('fqn:shop.marts.finance.revenue')).toEqual(['revenue']);
  });

  it('source: by source, by table, with a package, with + children', () => {
    expect(sel('source:raw')).toEqual(['raw.customers', 'raw.orders']);
    expect(sel('source:raw.orders')).toEqual(['raw.orders']);
    expect(sel('source:shop.raw.customers')).toEqual(['raw.customers']);
    expect(sel('source:raw.orders+1')).toEqual(['raw.orders', 'stg_orders']);
    expect(sel('source:raw+')).toContain('revenue');
  });

  it('resource_type:', () => {
    expect(sel('resource_type:seed')).toEqual(['country_codes']);
    expect(sel('resource_type:exposure')).toEqual(['weekly_kpis']);
    expect(sel('resource_type:unit_test')).toEqual(['ut_orders_total']);
  });

  it('package: including `this` for the root project', () => {
    const m = new ManifestBuilder('shop').model('a').model('b', { packageName: 'utils' }).build();
    expect(names(selectNodes(m, { select: ['package:utils'] }))).toEqual(['b']);
    expect(names(selectNodes(m, { select: ['package:this'] }))).toEqual(['a']);
    expect(names(selectNodes(m, { select: ['package:util*'] }))).toEqual(['b']);
  });

  it('config.<key>: strings, booleans, nested keys and list members', () => {
    expect(sel('config.materialized:table')).toEqual(['orders']);
    expect(sel('config.materialized:incremental')).toEqual(['revenue']);
    expect(sel('config.meta.owner:ana')).toEqual(['customers']);
    expect(sel('config.meta.pii:true')).toEqual(['customers']);
    expect(sel('config.unique_key:day')).toEqual(['customers']);
    expect(sel('config.enabled:true')).toHaveLength(16);
  });

  it('config.severity compares without case, like dbt', () => {
    expect(sel('config.severity:WARN')).toEqual(['unique_orders_id']);
    expect(sel('config.severity:error')).toEqual(['customers']);
  });

  it('test_type: generic, singular, unit, data', () => {
    expect(sel('test_type:generic')).toEqual(['not_null_stg_orders_id', 'relationships_orders_customer_id__id__ref_customers_', 'unique_orders_id']);
    expect(sel('test_type:singular')).toEqual(['assert_revenue_positive']);
    expect(sel('test_type:unit')).toEqual(['ut_orders_total']);
    expect(sel('test_type:data')).toEqual(['assert_revenue_positive', 'not_null_stg_orders_id', 'relationships_orders_customer_id__id__ref_customers_', 'unique_orders_id']);
  });

  it('test_name: the generic test name, with wildcards', () => {
    expect(sel('test_name:unique')).toEqual(['unique_orders_id']);
    expect(sel('test_name:relation*')).toEqual(['relationships_orders_customer_id__id__ref_customers_']);
    expect(sel('test_name:ut_orders_total')).toEqual(['ut_orders_total']);
  });

  it('exposure: and unit_test:', () => {
    expect(sel('+exposure:weekly_kpis')).toContain('stg_orders');
    expect(sel('exposure:shop.weekly_kpis')).toEqual(['weekly_kpis']);
    expect(sel('unit_test:ut_*')).toEqual(['ut_orders_total']);
  });

  it('disabled nodes are never selected', () => {
    const m = new ManifestBuilder().model('a').model('b', { enabled: false }).build();
    expect(names(selectNodes(m, { select: ['*'] }))).toEqual(['a']);
  });
});

describe('version:, group:, access:', () => {
  const versioned = () => {
    const m = new ManifestBuilder('p').model('dim_v1').model('dim_v2').model('dim_v3').model('plain', { config: { group: 'finance' } }).build();
    const set = (name: string, version: number) => Object.assign(m.nodes[`model.p.${name}`]!, { version, latest_version: 2 });
    set('dim_v1', 1);
    set('dim_v2', 2);
    set('dim_v3', 3);
    Object.assign(m.nodes['model.p.plain']!, { access: 'public' });
    return m;
  };
  const v = (s: string) => names(selectNodes(versioned(), { select: [s] })).sort();

  it('latest, prerelease, old, none', () => {
    expect(v('version:latest')).toEqual(['dim_v2']);
    expect(v('version:prerelease')).toEqual(['dim_v3']);
    expect(v('version:old')).toEqual(['dim_v1']);
    expect(v('version:none')).toEqual(['plain']);
    expect(() => v('version:newest')).toThrow(/Invalid version type selector/);
  });

  it('group: and access:', () => {
    expect(v('group:finance')).toEqual(['plain']);
    expect(v('access:public')).toEqual(['plain']);
  });
});
