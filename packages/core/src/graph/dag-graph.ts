import type * as graphlib from '@dagrejs/graphlib';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GraphMember } from './graph-members.js';

/** The project's DAG: an edge runs from a parent (what is depended on) to its child. */
export interface DagGraph {
  /**
   * graphlib view of the DAG (node labels are the manifest entries), built on first access: graphlib's setEdge
   * costs about 1 s for 30,000 edges here, and selection only needs the adjacency maps below.
   */
  readonly graph: graphlib.Graph<unknown, GraphMember, unknown>;
  members: Map<string, GraphMember>;
  /**
   * Direct parents / children that exist in the graph, sorted. Built on first access (a selection that walks the
   * graph): a plain compile only needs the order.
   */
  readonly parents: Map<string, string[]>;
  readonly children: Map<string, string[]>;
  /** Topological order, parents first; ties broken by unique id. Members caught in a cycle are left out. */
  order: string[];
  /** The member of each id of `order`, at the same index. */
  orderMembers: GraphMember[];
  /** Every cycle, each as a path whose last id repeats the first. */
  cycles: string[][];
  /** One `TSDBT_CYCLE` error per cycle. */
  diagnostics: Diagnostic[];
}
