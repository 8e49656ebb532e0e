/** One upstream column a model column is computed from. */
export interface LineageSource {
  /** unique_id of the upstream model, seed, snapshot or source. */
  node: string;
  column: string;
}

/**
 * How a column comes from its sources: `direct` (same name), `rename`, `expression`, `aggregate` (an aggregate or
 * window function over them), `constant` (no upstream column), or `unresolved` with a reason.
 */
export type LineageKind = 'direct' | 'rename' | 'expression' | 'aggregate' | 'constant' | 'unresolved';

export interface ColumnLineage {
  column: string;
  kind: LineageKind;
  sources: LineageSource[];
  /** Why the lineage could not be resolved (kind `unresolved`), in words a reader understands. */
  reason?: string;
}

/** A relation the SQL may read: who it is and, when known, its columns (from the catalog or the manifest). */
export interface KnownRelation {
  uniqueId: string;
  database?: string | null;
  schema: string;
  identifier: string;
  /** Undefined when neither the catalog nor the manifest lists its columns. */
  columns?: string[];
  /** `columns` is every column (read from the warehouse); documented columns alone may be a subset. */
  complete?: boolean;
}
