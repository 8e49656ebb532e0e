/** The artifacts the site reads besides the manifest, in dbt's shapes (only the fields the site uses are typed). */

/** catalog.json v1 (https://schemas.getdbt.com/dbt/catalog/v1.json). */
export interface CatalogColumn {
  type: string;
  index: number;
  name: string;
  comment: string | null;
}

export interface CatalogStat {
  id: string;
  label: string;
  value: unknown;
  include: boolean;
  description: string;
}

export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string | null; comment: string | null; owner: string | null };
  columns: Record<string, CatalogColumn>;
  stats: Record<string, CatalogStat>;
  unique_id: string | null;
}

export interface Catalog {
  metadata: { dbt_schema_version: string; dbt_version: string; generated_at: string; invocation_id: string; env: Record<string, string> };
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

/** run_results.json v6: the fields of each result the site shows. */
export interface RunResult {
  unique_id: string;
  status: string;
  execution_time: number;
  message?: string | null;
  failures?: number | null;
  timing?: { name: string; started_at?: string; completed_at?: string }[];
}

export interface RunResults {
  metadata: { generated_at: string; [key: string]: unknown };
  results: RunResult[];
  elapsed_time?: number;
  [key: string]: unknown;
}

/** sources.json (source freshness) v3. */
export interface SourceFreshnessResult {
  unique_id: string;
  status: string;
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
}

export interface SourcesArtifact {
  metadata: { generated_at: string; [key: string]: unknown };
  results: SourceFreshnessResult[];
}
