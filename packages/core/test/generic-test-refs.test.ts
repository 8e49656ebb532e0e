import { describe, expect, it } from 'vitest';
import { genericTestNodes } from '../src/parse/generic-test-nodes.js';
import type { Properties } from '../src/properties/read-properties.js';
import type { ProjectPackage } from '../src/project/packages.js';

// A generic test's refs and sources are those of all its arguments (the target's `model` and any ref/source in the
// others), in order, and no test shares its lists with another (a speed-up sharing per-target scans must keep this).

const pkg = { name: 'shop' } as ProjectPackage;
const file = 'models/marts/schema.yml';

function props(models: Record<string, unknown>[], sources: Record<string, unknown>[] = []): Properties {
  const patches: Properties['patches'] = new Map();
  for (const entry of models) {
    const key = entry.v === undefined ? `shop:models:${entry.name}` : `shop:models:${entry.name}.v${entry.v}`;
    patches.set(key, { kind: 'models', pkg, file, entry });
  }
  return { patches, sources: sources.map((entry) => ({ pkg, file, entry })), exposures: [], unitTests: [], groups: [] };
}

function testsOf(p: Properties, enabled: string[]) {
  const problems: unknown[] = [];
  const out = genericTestNodes(p, new Set(enabled), problems as never);
  expect(problems).toEqual([]);
  return out.map((t) => t.node);
}

describe('generic test refs and sources', () => {
  it("gives each test of a model the model's ref in lists of its own", () => {
    const nodes = testsOf(props([{ name: 'orders', columns: [{ name: 'id', data_tests: ['unique', 'not_null'] }] }]), ['model.shop.orders']);
    expect(nodes.map((n) => n.refs)).toEqual([[{ name: 'orders', package: null, version: null }], [{ name: 'orders', package: null, version: null }]]);
    expect(nodes.map((n) => n.sources)).toEqual([[], []]);
    expect(nodes[0]!.refs).not.toBe(nodes[1]!.refs);
    expect(nodes[0]!.refs[0]).not.toBe(nodes[1]!.refs[0]);
    nodes[0]!.refs.push({ name: 'x', package: null, version: null });
    expect(nodes[1]!.refs).toHaveLength(1);
  });

  it('lists refs of other arguments in argument order, the tested model where its argument is', () => {
    const columns = [
      {
        name: 'customer_id',
        data_tests: [
          { relationships: { to: "ref('customers')", field: 'id' } },
          { accepted_values: { values: ['reference', 'sourced'] } },
          { relationships: { model: 'mine', to: "ref('shop', 'payments')", field: 'id' } },
        ],
      },
    ];
    const nodes = testsOf(props([{ name: 'orders', columns }, { name: 'customers' }]), ['model.shop.orders', 'model.shop.customers']);
    const orders = { name: 'orders', package: null, version: null };
    expect(nodes.map((n) => n.refs)).toEqual([
      [{ name: 'customers', package: null, version: null }, orders],
      [orders],
      [orders, { name: 'payments', package: 'shop', version: null }],
    ]);
  });

  it('refs a versioned model with its version, and a source table as a source', () => {
    const nodes = testsOf(
      props([{ name: 'orders', v: 2, columns: [{ name: 'id', data_tests: ['not_null'] }] }], [
        { name: 'raw', tables: [{ name: 'events', columns: [{ name: 'id', data_tests: ['unique', { relationships: { to: "source('raw', 'users')", field: 'id' } }] }] }] },
      ]),
      ['model.shop.orders.v2', 'source.shop.raw.events'],
    );
    expect(nodes.map((n) => [n.refs, n.sources])).toEqual([
      [[{ name: 'orders', package: null, version: '2' }], []],
      [[], [['raw', 'events']]],
      [[], [['raw', 'users'], ['raw', 'events']]],
    ]);
    expect(nodes[1]!.sources[0]).not.toBe(nodes[2]!.sources[1]);
  });
});
