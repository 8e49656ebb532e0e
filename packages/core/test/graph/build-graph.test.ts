import { describe, expect, it } from 'vitest';
import { isTsdbtError } from '../../src/diagnostics/diagnostic.js';
import { assertAcyclic, buildEdgeMaps, buildGraph } from '../../src/graph/index.js';
import { selectNodes } from '../../src/selection/index.js';
import { ManifestBuilder } from '../selection/helpers/manifest-builder.js';
import { shop } from '../selection/helpers/shop.js';

describe('buildGraph', () => {
  it('has an edge for every ref, source, test attachment and exposure dependency', () => {
    const dag = buildGraph(shop());
    expect(dag.parents.get('model.shop.orders')).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders', 'seed.shop.country_codes']);
    expect(dag.parents.get('model.shop.stg_orders')).toEqual(['source.shop.raw.orders']);
    expect(dag.children.get('model.shop.orders')).toContain('test.shop.unique_orders_id');
    expect(dag.children.get('model.shop.orders')).toContain('unit_test.shop.ut_orders_total');
    expect(dag.parents.get('exposure.shop.weekly_kpis')).toEqual(['model.shop.customers', 'model.shop.revenue']);
    expect(dag.graph.hasEdge('model.shop.orders', 'model.shop.revenue')).toBe(true);
    expect(dag.graph.nodeCount()).toBe(16);
  });

  it('orders the DAG parents first, deterministically', () => {
    const dag = buildGraph(shop());
    const at = (id: string) => dag.order.indexOf(id);
    expect(dag.order).toHaveLength(16);
    for (const [child, parents] of dag.parents) for (const p of parents) expect(at(p)).toBeLessThan(at(child));
    expect(buildGraph(shop()).order).toEqual(dag.order);
    expect(dag.order.slice(0, 3)).toEqual(['seed.shop.country_codes', 'source.shop.raw.customers', 'source.shop.raw.orders']);
  });

  it('leaves disabled nodes out', () => {
    const dag = buildGraph(new ManifestBuilder().model('a').model('b', { refs: ['a'], enabled: false }).build());
    expect([...dag.members.keys()]).toEqual(['model.shop.a']);
  });

  it('writes parent_map and child_map as dbt does (sorted, every member a key)', () => {
    const { parent_map, child_map } = buildEdgeMaps(shop());
    expect(parent_map['model.shop.revenue']).toEqual(['model.shop.orders']);
    expect(parent_map['source.shop.raw.orders']).toEqual([]);
    expect(child_map['model.shop.revenue']).toEqual(['exposure.shop.weekly_kpis', 'test.shop.assert_revenue_positive']);
    expect(child_map['exposure.shop.weekly_kpis']).toEqual([]);
    expect(parent_map['unit_test.shop.ut_orders_total']).toEqual(['model.shop.orders']);
  });
});

describe('cycles', () => {
  const cyclic = () =>
    new ManifestBuilder('p')
      .model('a', { refs: ['c'] })
      .model('b', { refs: ['a'] })
      .model('c', { refs: ['b'] })
      .model('x', { refs: ['y'] })
      .model('y', { refs: ['x'] })
      .model('self', { refs: ['self'] })
      .model('downstream', { refs: ['a'] })
      .model('fine')
      .build();

  it('reports every cycle with each file, in the TSDBT_CYCLE diagnostic text', () => {
    const dag = buildGraph(cyclic());
    expect(dag.diagnostics.map((d) => d.message).sort()).toEqual([
      'Found a cycle: model.p.a (models/a.sql) → model.p.b (models/b.sql) → model.p.c (models/c.sql) → model.p.a',
      'Found a cycle: model.p.self (models/self.sql) → model.p.self',
      'Found a cycle: model.p.x (models/x.sql) → model.p.y (models/y.sql) → model.p.x',
    ].sort());
    expect(dag.diagnostics).toHaveLength(3);
    expect(dag.diagnostics.every((d) => d.code === 'TSDBT_CYCLE' && d.severity === 'error' && d.file?.startsWith('models/'))).toBe(true);
    expect(dag.order).toEqual(['model.p.fine']);
  });

  it('covers every node of an entangled component', () => {
    // a→b→a and b→c→b share b: both loops are printed.
    const m = new ManifestBuilder('p').model('a', { refs: ['b'] }).model('b', { refs: ['a', 'c'] }).model('c', { refs: ['b'] }).build();
    const text = buildGraph(m).diagnostics.map((d) => d.message).join('\n');
    for (const id of ['model.p.a', 'model.p.b', 'model.p.c']) expect(text).toContain(id);
  });

  it('assertAcyclic throws all of them at once, exit code 2 (a project error, as in dbt)', () => {
    try {
      assertAcyclic(buildGraph(cyclic()));
      expect.unreachable();
    } catch (e) {
      expect(isTsdbtError(e)).toBe(true);
      if (isTsdbtError(e)) {
        expect(e.diagnostics).toHaveLength(3);
        expect(e.exitCode).toBe(2);
      }
    }
  });

  it('a long chain (10,000 models) sorts without recursion limits', () => {
    const b = new ManifestBuilder('p').model('m0');
    for (let i = 1; i < 10_000; i++) b.model(`m${i}`, { refs: [`m${i - 1}`] });
    const dag = buildGraph(b.build());
    expect(dag.cycles).toEqual([]);
    expect(dag.order[9_999]).toBe('model.p.m9999');
    expect(selectNodes(b.build(), { select: ['m0+'], graph: dag })).toHaveLength(10_000);
    expect(selectNodes(b.build(), { select: ['@m5000'], graph: dag })).toHaveLength(10_000);
  });
});
