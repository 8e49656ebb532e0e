import * as graphlib from '@dagrejs/graphlib';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Manifest } from '../manifest/types.js';
import { cycleDiagnostic } from './cycle-diagnostic.js';
import { findCyclePaths } from './find-cycles.js';
import { dependsOn, graphMembers, type GraphMember } from './graph-members.js';
import { topoOrder } from './topo-order.js';
import { sortStrings } from '../util/sort-strings.js';

/** The project's DAG: an edge runs from a parent (what is depended on) to its child. */
export interface DagGraph {
  /**
   * graphlib view of the DAG (node labels are the manifest entries), built on first access: graphlib's setEdge
   * costs about 1 s for 30,000 edges here, and selection only needs the adjacency maps below.
   */
  readonly graph: graphlib.Graph<unknown, GraphMember, unknown>;
  members: Map<string, GraphMember>;
  /** Direct parents / children that exist in the graph, sorted. */
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
  /** Topological order, parents first; ties broken by unique id. Members caught in a cycle are left out. */
  order: string[];
  /** Every cycle, each as a path whose last id repeats the first. */
  cycles: string[][];
  /** One `TSDBT_CYCLE` error per cycle. */
  diagnostics: Diagnostic[];
}

/** Builds the DAG from `depends_on.nodes` of every enabled node, source, exposure, metric and unit test. */
export function buildGraph(manifest: Manifest): DagGraph {
  const members = new Map<string, GraphMember>();
  for (const m of graphMembers(manifest)) members.set(m.unique_id, m);
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const ids = [...members.keys()];
  for (const id of ids) children.set(id, []);
  // forEach rather than for-of: no [key, value] pair per entry (30,000 members).
  members.forEach((m, id) => {
    const ps = existingParents(dependsOn(m), members);
    parents.set(id, ps);
    for (const p of ps) children.get(p)!.push(id);
  });
  children.forEach((list) => {
    if (list.length > 1) sortStrings(list);
  });
  const { order, unplaced } = topoOrder(ids, parents, children);
  const cycles = unplaced.length ? findCyclePaths(unplaced, children) : [];
  const diagnostics = cycles.map((path) => cycleDiagnostic(path, members));
  let graph: graphlib.Graph<unknown, GraphMember, unknown> | undefined;
  return {
    get graph() {
      graph ??= toGraphlib(members, parents);
      return graph;
    },
    members,
    parents,
    children,
    order,
    cycles,
    diagnostics,
  };
}

/** Distinct parents present in the graph, sorted; plain loops because this runs once per member. */
function existingParents(deps: string[], members: Map<string, GraphMember>): string[] {
  const out: string[] = [];
  for (const p of deps) if (members.has(p) && !out.includes(p)) out.push(p);
  if (out.length > 1) sortStrings(out);
  return out;
}

function toGraphlib(members: Map<string, GraphMember>, parents: Map<string, string[]>): graphlib.Graph<unknown, GraphMember, unknown> {
  const graph = new graphlib.Graph<unknown, GraphMember, unknown>({ directed: true });
  for (const [id, m] of members) graph.setNode(id, m);
  for (const [id, ps] of parents) for (const p of ps) graph.setEdge(p, id);
  return graph;
}
