import * as graphlib from '@dagrejs/graphlib';

/** At most this many cycle paths are reported; a larger tangle is one problem to fix, not a thousand. */
const MAX_CYCLES = 100;

/**
 * One cycle path (first id repeated at the end) per node in a strongly connected component until every node of
 * every cycle appears in some reported path. `suspects` are the nodes a topological sort could not place, so the
 * search (graphlib's recursive Tarjan) runs only on them, never on a 10,000-node chain.
 */
export function findCyclePaths(suspects: string[], children: Map<string, string[]>): string[][] {
  const inSet = new Set(suspects);
  const g = new graphlib.Graph({ directed: true });
  for (const id of suspects) g.setNode(id);
  for (const id of suspects) for (const c of children.get(id) ?? []) if (inSet.has(c)) g.setEdge(id, c);
  const cycles: string[][] = [];
  for (const component of graphlib.alg.tarjan(g)) {
    const members = new Set(component);
    const isCycle = component.length > 1 || g.hasEdge(component[0]!, component[0]!);
    if (!isCycle) continue;
    const covered = new Set<string>();
    for (const start of [...component].sort()) {
      if (covered.has(start) || cycles.length >= MAX_CYCLES) continue;
      const path = shortestCycle(start, members, children);
      path.forEach((id) => covered.add(id));
      cycles.push(path);
    }
  }
  return cycles;
}

/** Breadth-first search from `start` back to itself inside one component. */
function shortestCycle(start: string, members: Set<string>, children: Map<string, string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const child of [...(children.get(id) ?? [])].sort()) {
      if (!members.has(child)) continue;
      if (child === start) return [...unwind(id, start, cameFrom), start];
      if (cameFrom.has(child)) continue;
      cameFrom.set(child, id);
      queue.push(child);
    }
  }
  return [start, start];
}

function unwind(end: string, start: string, cameFrom: Map<string, string>): string[] {
  const path = [end];
  let at = end;
  while (at !== start) {
    at = cameFrom.get(at)!;
    path.push(at);
  }
  return path.reverse();
}
