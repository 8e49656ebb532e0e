import type { DagGraph } from './dag-graph.js';

/** Breadth-first walk along `edges`, at most `maxDepth` steps (undefined: unlimited). The start set is excluded. */
function walk(start: Iterable<string>, edges: Map<string, string[]>, maxDepth?: number): Set<string> {
  const seen = new Set<string>();
  const startSet = new Set(start);
  let frontier = [...startSet];
  for (let depth = 0; frontier.length > 0 && (maxDepth === undefined || depth < maxDepth); depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of edges.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  // A start node reached again through others (only possible in a cycle) is not its own ancestor here.
  for (const id of startSet) seen.delete(id);
  return seen;
}

/** Ancestors of `ids` up to `depth` generations (`2+model`). */
export function ancestors(dag: DagGraph, ids: Iterable<string>, depth?: number): Set<string> {
  return walk(ids, dag.parents, depth);
}

/** Descendants of `ids` up to `depth` generations (`model+1`). */
export function descendants(dag: DagGraph, ids: Iterable<string>, depth?: number): Set<string> {
  return walk(ids, dag.children, depth);
}

/** `@model`: the descendants of `ids` and every ancestor of those descendants (dbt's select_childrens_parents). */
export function childrensParents(dag: DagGraph, ids: Iterable<string>): Set<string> {
  const start = new Set(ids);
  const withChildren = new Set([...start, ...descendants(dag, start)]);
  return new Set([...withChildren, ...ancestors(dag, withChildren)]);
}
