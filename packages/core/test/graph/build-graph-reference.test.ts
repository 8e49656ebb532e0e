import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/index.js';
import { ManifestBuilder } from '../selection/helpers/manifest-builder.js';

/** A small deterministic generator, so the DAG is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Models declared in an order unrelated to their ids' sort order, each referring to up to 3 earlier ones (some twice). */
function randomProject(n: number, seed: number) {
  const next = lcg(seed);
  const names = Array.from({ length: n }, (_, i) => `m${Math.floor(next() * 1e6)}_${i}`);
  const b = new ManifestBuilder('p');
  names.forEach((name, i) => {
    const refs = i === 0 ? [] : Array.from({ length: Math.floor(next() * 4) }, () => names[Math.floor(next() * i)]!);
    if (refs.length) refs.push(refs[0]!); // a repeated ref is one edge
    b.model(name, { refs: next() < 0.1 ? [...refs, 'missing_model'] : refs });
  });
  return b.build();
}

/** Kahn level by level on string maps, each level sorted: the order buildGraph promises. */
function referenceOrder(parents: Map<string, string[]>): string[] {
  const left = new Map([...parents].map(([id, ps]) => [id, ps.length]));
  let level = [...left].filter(([, c]) => c === 0).map(([id]) => id);
  const order: string[] = [];
  while (level.length) {
    level.sort();
    order.push(...level);
    const placed = new Set(level);
    level = [];
    for (const [id, ps] of parents) {
      if (left.get(id) === 0) continue;
      const c = left.get(id)! - ps.filter((p) => placed.has(p)).length;
      left.set(id, c);
      if (c === 0) level.push(id);
    }
  }
  return order;
}

describe('buildGraph against a plain reference', () => {
  it.each([1, 2, 3])('matches sorted distinct parents, children and the level order (seed %i)', (seed) => {
    const manifest = randomProject(400, seed);
    const dag = buildGraph(manifest);
    const ids = Object.keys(manifest.nodes);
    const parents = new Map(ids.map((id) => [id, [...new Set(manifest.nodes[id]!.depends_on.nodes)].filter((p) => p in manifest.nodes).sort()]));
    expect([...dag.parents]).toEqual([...parents]);
    for (const id of ids) expect(dag.children.get(id)).toEqual(ids.filter((c) => parents.get(c)!.includes(id)).sort());
    expect(dag.order).toEqual(referenceOrder(parents));
    expect(dag.orderMembers.map((m) => m.unique_id)).toEqual(dag.order);
  });

  it('builds parents and children only when asked, and the same lists each time', () => {
    const dag = buildGraph(randomProject(50, 4));
    expect(dag.parents).toBe(dag.parents);
    expect(dag.children).toBe(dag.children);
  });
});
