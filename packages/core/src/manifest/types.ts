/**
 * The manifest in dbt's v12 shape (https://schemas.getdbt.com/dbt/manifest/v12.json), so tools that read dbt's
 * manifest (Cosmos, dagster-dbt, docs tooling) can read ours. Only the fields tsdbt fills are typed strictly.
 */
export type ResourceType =
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'test'
  | 'source'
  | 'analysis'
  | 'exposure'
  | 'unit_test'
  | 'operation'
  | 'macro'
  | 'doc';

export interface Hook {
  sql: string;
  transaction: boolean;
  index?: number;
}

export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  alias?: string | null;
  schema?: string | null;
  database?: string | null;
  tags: string[];
  meta: Record<string, unknown>;
  /** Not on tests: dbt's TestConfig has no hooks, quoting or persist_docs. */
  pre_hook?: Hook[];
  post_hook?: Hook[];
  quoting?: Record<string, boolean>;
  persist_docs?: Record<string, unknown>;
  full_refresh?: boolean | null;
  unique_key?: string | string[] | null;
  incremental_strategy?: string | null;
  on_schema_change?: string | null;
  /** Tests */
  severity?: string;
  warn_if?: string;
  error_if?: string;
  where?: string | null;
  limit?: number | null;
  fail_calc?: string;
  store_failures?: boolean | null;
  /** Seeds */
  column_types?: Record<string, string>;
  quote_columns?: boolean | null;
  delimiter?: string;
  /** Snapshots */
  strategy?: string | null;
  updated_at?: string | null;
  check_cols?: string | string[] | null;
  hard_deletes?: string | null;
  target_schema?: string | null;
  target_database?: string | null;
  [key: string]: unknown;
}

export interface ColumnDoc {
  name: string;
  description: string;
  meta: Record<string, unknown>;
  data_type: string | null;
  constraints: unknown[];
  quote: boolean | null;
  tags: string[];
}

export interface RefCall {
  name: string;
  package: string | null;
  version: string | number | null;
}

export interface ManifestNode {
  unique_id: string;
  resource_type: ResourceType;
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  database: string | null;
  schema: string;
  alias: string;
  identifier?: string;
  relation_name: string | null;
  raw_code: string;
  compiled_code?: string;
  compiled?: boolean;
  compiled_path?: string | null;
  /** target/run/<package>/<path>: set when the node's main statement ran (dbt's `write` context member). */
  build_path?: string | null;
  language: 'sql';
  checksum: { name: 'sha256'; checksum: string };
  depends_on: { macros: string[]; nodes: string[] };
  refs: RefCall[];
  sources: [string, string][];
  metrics: string[][];
  config: NodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnDoc>;
  meta: Record<string, unknown>;
  docs: { show: boolean; node_color: string | null };
  patch_path: string | null;
  unrendered_config: Record<string, unknown>;
  created_at: number;
  /** The node's group (dbt ≥ 1.5): config.group, or for a generic test the group of the node it tests. */
  group?: string | null;
  /** Models: private, protected (the default) or public. */
  access?: 'private' | 'protected' | 'public';
  /** Tests */
  column_name?: string | null;
  attached_node?: string | null;
  test_metadata?: { name: string; kwargs: Record<string, unknown>; namespace: string | null };
  /** Unit tests */
  model?: string;
  given?: unknown[];
  expect?: unknown;
  overrides?: unknown;
  /** Where the node's code starts in its file (1-based); a node cut from a block starts inside the file. */
  tsdbt_line?: number;
  /** Seeds: the package folder holding the CSV. */
  root_path?: string;
  /** Versioned models. */
  version?: string | number | null;
  latest_version?: unknown;
  /** Models: model-level constraints (dbt's ModelLevelConstraint shape). */
  constraints?: unknown;
  /** Models: dbt's contract (config's enforced / alias_types, and a checksum of the contract when enforced). */
  contract?: { enforced: boolean; alias_types: boolean; checksum: string | null };
  /** Generic tests: `models.<name>` / `sources.<name>` of the YAML entry that declared it. */
  file_key_name?: string;
  /** Ephemeral models inlined as CTEs at compile time. */
  extra_ctes_injected?: boolean;
  extra_ctes?: { id: string; sql: string }[];
}

export interface SourceDefinition {
  unique_id: string;
  resource_type: 'source';
  package_name: string;
  name: string;
  source_name: string;
  source_description: string;
  identifier: string;
  database: string | null;
  schema: string;
  relation_name: string;
  loader: string;
  loaded_at_field: string | null;
  freshness: unknown;
  fqn: string[];
  path: string;
  original_file_path: string;
  description: string;
  columns: Record<string, ColumnDoc>;
  meta: Record<string, unknown>;
  tags: string[];
  config: { enabled: boolean; [key: string]: unknown };
  quoting: Record<string, boolean | null>;
}

/** A `groups:` entry of property YAML, as dbt writes it under the manifest's `groups`. */
export interface ManifestGroup {
  name: string;
  resource_type: 'group';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  owner: Record<string, unknown>;
  description: string | null;
  config: { meta: Record<string, unknown> };
}

export interface Manifest {
  metadata: {
    dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json';
    dbt_version: string;
    generated_at: string;
    invocation_id: string;
    env: Record<string, string>;
    project_name: string;
    project_id: string;
    adapter_type: string;
    [key: string]: unknown;
  };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, unknown>;
  docs: Record<string, unknown>;
  exposures: Record<string, unknown>;
  metrics: Record<string, unknown>;
  groups: Record<string, ManifestGroup>;
  selectors: Record<string, unknown>;
  disabled: Record<string, unknown>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  /** Group name → the unique_ids of its members, sorted. */
  group_map: Record<string, string[]>;
  saved_queries: Record<string, unknown>;
  semantic_models: Record<string, unknown>;
  unit_tests: Record<string, ManifestNode>;
}
