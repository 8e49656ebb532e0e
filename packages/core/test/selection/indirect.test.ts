import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../src/selection/index.js';
import type { IndirectSelection } from '../../src/selection/index.js';
import { names, shop } from './helpers/shop.js';

const run = (select: string[], mode?: IndirectSelection, exclude?: string[]) =>
  names(selectNodes(shop(), { select, exclude, indirectSelection: mode })).sort();

const REL = 'relationships_orders_customer_id__id__ref_customers_';

describe('indirect selection of tests', () => {
  it('eager (the default): a test comes with any selected parent, unit tests too', () => {
    expect(run(['orders'])).toEqual(['orders', REL, 'unique_orders_id', 'ut_orders_total']);
  });

  it('cautious: only tests whose parents are all selected', () => {
    expect(run(['orders'], 'cautious')).toEqual(['orders', 'unique_orders_id', 'ut_orders_total']);
    expect(run(['orders customers'], 'cautious')).toEqual(['customers', 'orders', REL, 'unique_orders_id', 'ut_orders_total']);
  });

  it('cautious: a test waiting for its other parent is taken when a union brings it', () => {
    expect(run(['orders', 'customers'], 'cautious')).toContain(REL);
  });

  it('buildable: tests whose other parents are upstream of the selection', () => {
    // revenue's singular test depends only on revenue; the relationships test needs customers, which is not upstream.
    expect(run(['revenue'], 'buildable')).toEqual(['assert_revenue_positive', 'revenue']);
    expect(run(['orders'], 'buildable')).toEqual(['orders', 'unique_orders_id', 'ut_orders_total']);
  });

  it('empty: no tests unless selected directly', () => {
    expect(run(['orders'], 'empty')).toEqual(['orders']);
  });

  it('a test excluded explicitly stays excluded', () => {
    expect(run(['orders'], 'eager', ['unique_orders_id'])).toEqual(['orders', REL, 'ut_orders_total']);
    expect(run(['orders'], 'eager', ['test_name:relationships'])).toEqual(['orders', 'unique_orders_id', 'ut_orders_total']);
  });

  it("excluding a model excludes its tests (excludes expand eagerly, as dbt's do)", () => {
    expect(run(['+orders'], 'eager', ['stg_orders'])).not.toContain('not_null_stg_orders_id');
    expect(run(['orders customers'], 'eager', ['customers'])).toEqual(['orders', 'unique_orders_id', 'ut_orders_total']);
  });

  it('an intersection expands to tests of the intersected nodes', () => {
    expect(run(['tag:nightly,config.materialized:table'])).toEqual(['orders', REL, 'unique_orders_id', 'ut_orders_total']);
  });
});
