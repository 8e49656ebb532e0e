import { dependsOn, type GraphMember } from './graph-members.js';
import { insertionSort } from '../util/sort-strings.js';

/**
 * The DAG in numbers: member `r` is the one whose unique id sorts r-th, so sorting members by id is sorting numbers
 * (a typed array's native sort), and lists filled in rank order come out sorted. 30,000 members cost a handful of
 * Map and array operations each this way, where string-keyed maps per edge cost several.
 */
export interface LinkedMembers {
  /** Unique ids in rank (sorted) order. */
  ids: string[];
  rank: Map<string, number>;
  /** The member of each rank. */
  at: GraphMember[];
  /** Ranks of each member's distinct parents present in the graph, ascending. */
  parents: number[][];
  /** Children of rank r: childRanks[childStart[r] .. childStart[r + 1]), ascending. */
  childStart: Int32Array;
  childRanks: Int32Array;
}

export function linkMembers(byId: Map<string, GraphMember>): LinkedMembers {
  const ids = [...byId.keys()].sort();
  const n = ids.length;
  const rank = new Map<string, number>();
  const at: GraphMember[] = new Array(n);
  for (let r = 0; r < n; r++) {
    rank.set(ids[r]!, r);
    at[r] = byId.get(ids[r]!)!;
  }
  const parents: number[][] = new Array(n);
  const childStart = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    const ps = existingParents(dependsOn(at[r]!), rank);
    parents[r] = ps;
    for (const p of ps) childStart[p + 1]!++;
  }
  for (let r = 0; r < n; r++) childStart[r + 1]! += childStart[r]!;
  const childRanks = new Int32Array(childStart[n]!);
  const fill = childStart.slice(0, n);
  // Children are added in rank order, so each member's list is sorted as it is filled.
  for (let r = 0; r < n; r++) for (const p of parents[r]!) childRanks[fill[p]!++] = r;
  return { ids, rank, at, parents, childStart, childRanks };
}

/** Distinct ranks of the parents present in the graph, ascending; plain loops because this runs once per member. */
function existingParents(deps: string[], rank: Map<string, number>): number[] {
  const out: number[] = [];
  for (const p of deps) {
    const r = rank.get(p);
    if (r !== undefined && !out.includes(r)) out.push(r);
  }
  if (out.length > 1) insertionSort(out);
  return out;
}

