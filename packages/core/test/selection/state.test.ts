import { describe, expect, it } from 'vitest';
import { isTsdbtError } from '../../src/diagnostics/diagnostic.js';
import { selectNodes } from '../../src/selection/index.js';
import type { Manifest } from '../../src/manifest/types.js';
import { names, shop, shopBuilder } from './helpers/shop.js';

/** The comparison manifest: the shop as it was in production. */
function production(): Manifest {
  const m = shopBuilder().macro('macro.shop.cents', 'select 1').build();
  m.nodes['model.shop.orders']!.depends_on.macros = ['macro.shop.cents'];
  m.nodes['model.shop.customers']!.unrendered_config = { materialized: 'view' };
  m.nodes['model.shop.revenue']!.unrendered_config = { materialized: 'incremental', schema: 'finance' };
  m.nodes['model.shop.stg_customers']!.config.persist_docs = { relation: true };
  return m;
}

/** The working copy: edits of every kind against production. */
function working(): Manifest {
  const m = shopBuilder()
    .model('brand_new', { refs: ['orders'] })
    .macro('macro.shop.cents', 'select 100')
    .build();
  m.nodes['model.shop.stg_orders']!.checksum.checksum = 'edited-sql';
  m.nodes['model.shop.orders']!.depends_on.macros = ['macro.shop.cents'];
  m.nodes['model.shop.customers']!.unrendered_config = { materialized: 'table' };
  m.nodes['model.shop.revenue']!.unrendered_config = { materialized: 'incremental', schema: 'finance_v2' };
  m.nodes['model.shop.stg_customers']!.config.persist_docs = { relation: true };
  m.nodes['model.shop.stg_customers']!.description = 'Customers, cleaned';
  m.sources['source.shop.raw.orders']!.identifier = 'orders_v2';
  return m;
}

const run = (select: string[], state: Manifest | undefined = production()) =>
  names(selectNodes(working(), { select, state, indirectSelection: 'empty' })).sort();

describe('state: selection against a --state manifest', () => {
  it('state:new is what the comparison manifest lacks', () => {
    expect(run(['state:new'])).toEqual(['brand_new']);
  });

  it('state:modified: new nodes plus body, config, relation, description, macro and source changes', () => {
    expect(run(['state:modified'])).toEqual(['brand_new', 'customers', 'orders', 'raw.orders', 'revenue', 'stg_customers', 'stg_orders']);
  });

  it('state:modified.body', () => {
    expect(run(['state:modified.body'])).toEqual(['brand_new', 'stg_orders']);
  });

  it('state:modified.configs ignores database/schema/alias', () => {
    expect(run(['state:modified.configs'])).toEqual(['brand_new', 'customers']);
  });

  it('state:modified.relation, for sources their database, schema and identifier', () => {
    expect(run(['state:modified.relation'])).toEqual(['brand_new', 'raw.orders', 'revenue']);
  });

  it('state:modified.persisted_descriptions only where persist_docs is on', () => {
    expect(run(['state:modified.persisted_descriptions'])).toEqual(['brand_new', 'stg_customers']);
  });

  it('state:modified.macros follows the macros a node calls', () => {
    expect(run(['state:modified.macros'])).toEqual(['orders']);
  });

  it('state:old and state:unmodified are the complements', () => {
    expect(run(['state:old'])).not.toContain('brand_new');
    // Every model changed in some way; the seed and the snapshot did not.
    expect(run(['state:unmodified,resource_type:model'])).toEqual([]);
    expect(run(['state:unmodified'])).toEqual(expect.arrayContaining(['country_codes', 'orders_snapshot', 'raw.customers']));
  });

  it('an unchanged project has nothing modified', () => {
    const same = shop();
    expect(names(selectNodes(shop(), { select: ['state:modified'], state: same }))).toEqual([]);
  });

  it('state:modified+ takes the children too', () => {
    expect(run(['state:modified.body+1,resource_type:model'])).toEqual(['brand_new', 'orders', 'stg_orders']);
  });

  it('without --state: a coded error with a hint', () => {
    try {
      selectNodes(working(), { select: ['state:modified'] });
      expect.unreachable();
    } catch (e) {
      expect(isTsdbtError(e) && e.code).toBe('TSDBT_STATE_REQUIRED');
      expect(isTsdbtError(e) && e.diagnostics[0]!.hint).toMatch(/--state/);
    }
  });

  it('an unknown state selector', () => {
    expect(() => run(['state:changed'])).toThrow(/Invalid state selector "state:changed"/);
  });
});

describe('result: selection against run_results.json', () => {
  const previousResults = {
    results: [
      { unique_id: 'model.shop.orders', status: 'error' },
      { unique_id: 'test.shop.unique_orders_id', status: 'fail' },
      { unique_id: 'model.shop.customers', status: 'success' },
    ],
  };
  const res = (select: string[]) => names(selectNodes(shop(), { select, previousResults, indirectSelection: 'empty' })).sort();

  it('result:<status>', () => {
    expect(res(['result:error'])).toEqual(['orders']);
    expect(res(['result:fail'])).toEqual(['unique_orders_id']);
  });

  it('result:<status>+ and 1+result:fail', () => {
    expect(res(['result:error+'])).toContain('revenue');
    expect(res(['1+result:fail'])).toEqual(['orders', 'unique_orders_id']);
  });

  it('without run results: a coded error', () => {
    expect(() => selectNodes(shop(), { select: ['result:error'] })).toThrow(/needs the run_results.json/);
  });
});
