import * as graphlib from '@dagrejs/graphlib';
import type { Manifest } from '../manifest/types.js';
import { cycleDiagnostic } from './cycle-diagnostic.js';
import { findCyclePaths } from './find-cycles.js';
import type { DagGraph } from './dag-graph.js';
import { graphMembers, type GraphMember } from './graph-members.js';
import { linkMembers, type LinkedMembers } from './link-members.js';
import { topoOrder } from './topo-order.js';

/** Builds the DAG from `depends_on.nodes` of every enabled node, source, exposure, metric and unit test. */
export function buildGraph(manifest: Manifest): DagGraph {
  const members = new Map<string, GraphMember>();
  for (const m of graphMembers(manifest)) members.set(m.unique_id, m);
  const linked = linkMembers(members);
  const { order: ranks, waiting } = topoOrder(linked);
  const order: string[] = new Array(ranks.length);
  const orderMembers: GraphMember[] = new Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    order[i] = linked.ids[ranks[i]!]!;
    orderMembers[i] = linked.at[ranks[i]!]!;
  }
  let parents: Map<string, string[]> | undefined;
  let children: Map<string, string[]> | undefined;
  const childMap = () => (children ??= childLists(members, linked));
  // Members that could not be placed, in member order (the order the cycle search has always seen them in).
  const unplaced = ranks.length === members.size ? [] : [...members.keys()].filter((id) => waiting[linked.rank.get(id)!]! > 0);
  const cycles = unplaced.length ? findCyclePaths(unplaced, childMap()) : [];
  const diagnostics = cycles.map((path) => cycleDiagnostic(path, members));
  let graph: graphlib.Graph<unknown, GraphMember, unknown> | undefined;
  return {
    get graph() {
      graph ??= toGraphlib(members, this.parents);
      return graph;
    },
    get parents() {
      parents ??= parentLists(members, linked);
      return parents;
    },
    get children() {
      return childMap();
    },
    members,
    order,
    orderMembers,
    cycles,
    diagnostics,
  };
}

/** id → sorted ids of its parents, keyed in member order. */
function parentLists(members: Map<string, GraphMember>, g: LinkedMembers): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of members.keys()) out.set(id, g.parents[g.rank.get(id)!]!.map((r) => g.ids[r]!));
  return out;
}

/** id → sorted ids of its children, keyed in member order. */
function childLists(members: Map<string, GraphMember>, g: LinkedMembers): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of members.keys()) {
    const r = g.rank.get(id)!;
    const list: string[] = new Array(g.childStart[r + 1]! - g.childStart[r]!);
    for (let k = g.childStart[r]!, i = 0; k < g.childStart[r + 1]!; k++, i++) list[i] = g.ids[g.childRanks[k]!]!;
    out.set(id, list);
  }
  return out;
}

function toGraphlib(members: Map<string, GraphMember>, parents: Map<string, string[]>): graphlib.Graph<unknown, GraphMember, unknown> {
  const graph = new graphlib.Graph<unknown, GraphMember, unknown>({ directed: true });
  for (const [id, m] of members) graph.setNode(id, m);
  for (const [id, ps] of parents) for (const p of ps) graph.setEdge(p, id);
  return graph;
}
