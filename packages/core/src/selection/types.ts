import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DagGraph } from '../graph/dag-graph.js';
import type { GraphMember } from '../graph/graph-members.js';
import type { Manifest } from '../manifest/types.js';

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';
export const INDIRECT_SELECTION_MODES: readonly IndirectSelection[] = ['eager', 'cautious', 'buildable', 'empty'];

/** One `method:value` with its graph operators (`2+tag:x+1`, `@model`). */
export interface SelectionCriteria {
  kind: 'criteria';
  raw: string;
  method: string;
  /** `config.meta.owner` → `['meta', 'owner']`. */
  args: string[];
  value: string;
  childrensParents: boolean;
  parents: boolean;
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
  indirectSelection: IndirectSelection;
}

/** A set operation over specs; `difference` removes every later component from the first. */
export interface SelectionSet {
  kind: 'union' | 'intersection' | 'difference';
  components: SelectionSpec[];
  raw: string;
  /** Warn (dbt's "does not match any enabled nodes") when this set selects nothing. */
  expectExists: boolean;
  indirectSelection: IndirectSelection;
}

export type SelectionSpec = SelectionCriteria | SelectionSet;

/** A selector from selectors.yml. `definition` is the raw YAML value. */
export interface SelectorDefinition {
  name: string;
  description?: string;
  default?: boolean;
  definition: unknown;
  /** Where it was written, for diagnostics. */
  file?: string;
  line?: number;
}

/** A run_results.json, as far as `result:` needs it. */
export interface RunResultsLike {
  results: { unique_id: string; status: string }[];
}

/** A sources.json (`tsdbt source freshness`), as far as `source_status:` needs it; errored results lack max_loaded_at. */
export interface SourcesLike {
  results: { unique_id: string; status?: string; max_loaded_at?: string }[];
}

export interface SelectOptions {
  select?: string[];
  exclude?: string[];
  /** Name of a selector from `selectors`. */
  selector?: string;
  /** selectors.yml content (`{ selectors: [...] }`), its list, manifest.selectors, or loadSelectors() output. */
  selectors?: unknown;
  /** Keep only these resource types (`--resource-type`); `default` and `all` as dbt ls has them. */
  resourceTypes?: string[];
  /** Drop these resource types (`--exclude-resource-type`), applied after `resourceTypes`. */
  excludeResourceTypes?: string[];
  /** The comparison manifest of `--state DIR`. */
  state?: Manifest;
  /** run_results.json of `--state DIR`, for `result:`. */
  previousResults?: RunResultsLike;
  /** sources.json of `--state DIR` and of this project's target folder, for `source_status:`. */
  previousSources?: SourcesLike;
  currentSources?: SourcesLike;
  indirectSelection?: IndirectSelection;
  /** A graph already built for this manifest. */
  graph?: DagGraph;
  /** Called with each warning (a criterion that matches nothing, …). */
  onDiagnostic?: (d: Diagnostic) => void;
}

/** What a selector method sees. */
export interface MethodContext {
  manifest: Manifest;
  dag: DagGraph;
  members: GraphMember[];
  state?: Manifest;
  previousResults?: RunResultsLike;
  previousSources?: SourcesLike;
  currentSources?: SourcesLike;
}

export type SelectorMethod = (ctx: MethodContext, value: string, args: string[]) => Iterable<string>;
