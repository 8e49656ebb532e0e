import { describe, expect, it } from 'vitest';
import { select, selectNodes } from '../../src/selection/index.js';
import { names, shop } from './helpers/shop.js';

const run = (select: string[], exclude?: string[]) => names(selectNodes(shop(), { select, exclude, indirectSelection: 'empty' })).sort();

describe('set operators', () => {
  it('a space is a union, within one argument or across arguments', () => {
    expect(run(['orders customers'])).toEqual(['customers', 'orders']);
    expect(run(['orders', 'customers'])).toEqual(['customers', 'orders']);
  });

  it('a comma is an intersection', () => {
    expect(run(['tag:nightly,config.materialized:table'])).toEqual(['orders']);
    expect(run(['+revenue,tag:staging'])).toEqual(['stg_customers', 'stg_orders']);
  });

  it('unions of intersections', () => {
    expect(run(['tag:nightly,resource_type:model customers'])).toEqual(['customers', 'orders', 'stg_orders']);
  });

  it('--exclude removes from the selection, its own unions and intersections included', () => {
    expect(run(['+orders'], ['source:*'])).toEqual(['country_codes', 'orders', 'stg_customers', 'stg_orders']);
    expect(run(['+orders'], ['source:* stg_orders'])).toEqual(['country_codes', 'orders', 'stg_customers']);
    expect(run(['tag:staging'], ['tag:nightly,resource_type:model'])).toEqual(['stg_customers']);
  });

  it('--exclude alone applies to everything', () => {
    expect(run([], ['resource_type:test resource_type:unit_test source:* exposure:* staging marts'])).toEqual(['country_codes', 'explore', 'orders_snapshot']);
  });

  it('returns unique ids in DAG order, parents first', () => {
    const ids = selectNodes(shop(), { select: ['+revenue'], indirectSelection: 'empty' });
    expect(ids.indexOf('model.shop.stg_orders')).toBeLessThan(ids.indexOf('model.shop.orders'));
    expect(ids.indexOf('model.shop.orders')).toBeLessThan(ids.indexOf('model.shop.revenue'));
    expect(ids.indexOf('source.shop.raw.orders')).toBeLessThan(ids.indexOf('model.shop.stg_orders'));
  });

  it('without --select selects every node, source and exposure', () => {
    expect(selectNodes(shop())).toHaveLength(16);
  });

  it('resourceTypes filters the result, with `default` (no analyses) and `all` as in dbt ls', () => {
    expect(names(selectNodes(shop(), { resourceTypes: ['seed', 'source'] })).sort()).toEqual(['country_codes', 'raw.customers', 'raw.orders']);
    expect(selectNodes(shop(), { resourceTypes: ['default'] })).not.toContain('analysis.shop.explore');
    expect(selectNodes(shop(), { resourceTypes: ['all'] })).toContain('analysis.shop.explore');
    expect(names(selectNodes(shop(), { excludeResourceTypes: ['test', 'unit_test', 'model', 'source', 'exposure'] })).sort()).toEqual(['country_codes', 'explore', 'orders_snapshot']);
  });

  it('a criterion that matches nothing warns like dbt, naming the criterion', () => {
    const seen: string[] = [];
    const result = select(shop(), { select: ['orders', 'nope'], onDiagnostic: (d) => seen.push(d.message) });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'TSDBT_SELECTOR_NO_MATCH', severity: 'warning' });
    expect(seen).toEqual(["The selection criterion 'nope' does not match any enabled nodes"]);
    expect(names(result.selected)).toContain('orders');
    expect(select(shop(), { select: ['revenu'] }).diagnostics[0]!.hint).toBe('Did you mean "revenue"?');
  });
});
