import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../src/selection/index.js';
import type { IndirectSelection } from '../../src/selection/index.js';
import { names, shop, shopBuilder } from './helpers/shop.js';

/** What dbt selects with no --select, spelled out: forces the evaluated path the implicit selection skips. */
const SPELLED_OUT = ['fqn:*', 'source:*', 'exposure:*', 'metric:*', 'semantic_model:*', 'saved_query:*', 'unit_test:*'];
const MODES: IndirectSelection[] = ['eager', 'cautious', 'buildable', 'empty'];

describe('the implicit selection (no --select, --exclude or selector)', () => {
  it('is every enabled member in DAG order, as the evaluated default union is, in every indirect mode', () => {
    for (const indirectSelection of MODES) {
      const manifest = shop();
      const implicit = selectNodes(manifest, { indirectSelection });
      expect(implicit).toEqual(selectNodes(manifest, { select: SPELLED_OUT, indirectSelection }));
      expect(implicit.length).toBe(Object.keys(manifest.nodes).length + 4); // + 2 sources, 1 exposure, 1 unit test
    }
  });

  it('leaves disabled nodes out', () => {
    const manifest = shopBuilder().model('old_orders', { refs: ['orders'], enabled: false }).build();
    expect(names(selectNodes(manifest))).not.toContain('old_orders');
    expect(names(selectNodes(manifest))).toContain('orders');
  });

  it('honours --resource-type and --exclude-resource-type', () => {
    const manifest = shop();
    expect(names(selectNodes(manifest, { resourceTypes: ['test'] })).sort()).toEqual(
      names(selectNodes(manifest, { select: SPELLED_OUT, resourceTypes: ['test'] })).sort(),
    );
    expect(names(selectNodes(manifest, { excludeResourceTypes: ['model', 'test'] })).sort()).toEqual(['country_codes', 'explore', 'orders_snapshot', 'raw.customers', 'raw.orders', 'ut_orders_total', 'weekly_kpis']);
  });

  it('still leaves out a node that no default criterion matches (one without an fqn)', () => {
    const manifest = shop();
    manifest.nodes['analysis.shop.explore']!.fqn = [];
    expect(names(selectNodes(manifest))).not.toContain('explore');
    expect(selectNodes(manifest)).toEqual(selectNodes(manifest, { select: SPELLED_OUT }));
  });

  it('gives way to a default selector', () => {
    const selectors = [{ name: 'nightly', definition: 'tag:nightly', default: true }];
    expect(names(selectNodes(shop(), { selectors: selectors as never })).sort()).toEqual(['orders', 'stg_orders', 'ut_orders_total', 'unique_orders_id', 'relationships_orders_customer_id__id__ref_customers_', 'not_null_stg_orders_id'].sort());
  });
});
