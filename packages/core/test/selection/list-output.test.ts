import { describe, expect, it } from 'vitest';
import { listLines } from '../../src/selection/index.js';
import { shop } from './helpers/shop.js';

const ids = ['model.shop.revenue', 'source.shop.raw.orders', 'exposure.shop.weekly_kpis', 'unit_test.shop.ut_orders_total', 'seed.shop.country_codes'];

describe('ls output', () => {
  it('selector (the default): fqn joined by dots, prefixed methods for sources, exposures and unit tests; sorted by unique id', () => {
    expect(listLines(shop(), ids)).toEqual([
      'exposure:shop.weekly_kpis',
      'shop.marts.finance.revenue',
      'shop.country_codes',
      'source:shop.raw.orders',
      'unit_test:shop.ut_orders_total',
    ]);
  });

  it('name: the search name (source_name.table for sources)', () => {
    expect(listLines(shop(), ids, 'name')).toEqual(['weekly_kpis', 'revenue', 'country_codes', 'raw.orders', 'ut_orders_total']);
  });

  it('path: the original file path', () => {
    expect(listLines(shop(), ['model.shop.revenue', 'source.shop.raw.orders'], 'path')).toEqual(['models/marts/finance/revenue.sql', 'models/staging/sources.yml']);
  });

  it("json: dbt's default keys, or --output-keys", () => {
    const [line] = listLines(shop(), ['model.shop.revenue'], 'json');
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['alias', 'config', 'depends_on', 'name', 'original_file_path', 'package_name', 'resource_type', 'tags', 'unique_id']);
    expect(parsed.depends_on).toEqual({ macros: [], nodes: ['model.shop.orders'] });
    expect(JSON.parse(listLines(shop(), ['source.shop.raw.orders'], 'json', ['name', 'source_name'])[0]!)).toEqual({ name: 'orders', source_name: 'raw' });
  });
});
