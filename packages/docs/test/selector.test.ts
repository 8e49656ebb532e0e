import { describe, expect, it } from 'vitest';
import { parseAtom, selectNodes, SelectorError, type SelectableNode } from '../src/site/selector.js';
import { buildPayload } from '../src/build-payload.js';
import { salesManifest } from './fixtures/sales-manifest.js';

const nodes: SelectableNode[] = buildPayload({ manifest: salesManifest() }).payload.nodes.filter((n) => n.type !== 'test');
const names = (select: string, exclude = '') => [...selectNodes(nodes, select, exclude)].map((id) => id.split('.').slice(2).join('.')).sort();

describe("dbt's selection grammar in the browser", () => {
  it('parses graph operators and methods', () => {
    expect(parseAtom('2+tag:daily+1')).toEqual({ method: 'tag', value: 'daily', parents: 2, children: 1, at: false });
    expect(parseAtom('@fact_sales')).toMatchObject({ method: 'fqn', at: true, parents: undefined, children: undefined });
    expect(parseAtom('models/marts')).toMatchObject({ method: 'path' });
    expect(() => parseAtom('@+x')).toThrow(SelectorError);
  });

  it('+model selects all ancestors, model+1 one level of children', () => {
    expect(names('+fact_sales')).toEqual(['adventureworks.sales_order_detail', 'adventureworks.sales_order_header', 'adventureworks.sales_order_return', 'fact_sales', 'stg_sales_order_details', 'stg_sales_orders']);
    expect(names('fact_sales+1')).toEqual(['customer_analysis', 'discount_impact', 'fact_sales', 'product_demand', 'sales_performance']);
    expect(names('1+fact_sales')).toEqual(['adventureworks.sales_order_return', 'fact_sales', 'stg_sales_order_details', 'stg_sales_orders']);
  });

  it('unions with spaces, intersects with commas, excludes', () => {
    expect(names('tag:daily,config.materialized:view')).toEqual(['stg_customers', 'stg_sales_order_details', 'stg_sales_orders']);
    expect(names('stg_products discount_impact')).toEqual(['discount_impact', 'stg_products']);
    expect(names('tag:marts', 'customer_analysis product_demand')).toEqual(['discount_impact', 'fact_sales', 'sales_performance']);
  });

  it('matches fqn prefixes, globs, paths, sources, resource types and exposures', () => {
    expect(names('sales_analytics.marts')).toHaveLength(5);
    expect(names('stg_*')).toEqual(['stg_customers', 'stg_products', 'stg_sales_order_details', 'stg_sales_orders']);
    expect(names('path:models/marts')).toHaveLength(5);
    expect(names('source:adventureworks.product*')).toEqual(['adventureworks.product', 'adventureworks.product_category']);
    expect(names('resource_type:seed')).toEqual(['country_codes']);
    expect(names('+exposure:sales_dashboard', 'resource_type:source')).toEqual(['customer_analysis', 'fact_sales', 'sales_dashboard', 'sales_performance', 'stg_customers', 'stg_products', 'stg_sales_order_details', 'stg_sales_orders']);
  });

  it('@ selects descendants and their ancestors; unknown methods fail clearly', () => {
    expect(names('@stg_products')).toContain('stg_sales_orders');
    expect(() => names('colour:red')).toThrow('unknown selection method "colour"');
  });
});
