/**
 * The data the browser site reads (embedded as `data.js`): one compact record per resource, built from the
 * artifacts at generate time. Shared by the Node side (which writes it) and the site (which reads it).
 */
import type { ColumnLineage } from './lineage/types.js';

/** A column as search and the tree need it (in the main data file). */
export interface SiteColumnSummary {
  name: string;
  description: string;
}

/** A column with everything its page shows (in a details chunk). */
export interface SiteColumn extends SiteColumnSummary {
  type?: string;
  /** Names of the tests on this column (`unique`, `not_null`, ...). */
  tests: string[];
  lineage?: ColumnLineage;
}

export interface SiteRun {
  status: string;
  executionTime: number;
  completedAt?: string;
  message?: string | null;
}

/**
 * One resource as the tree, search, selection and graph need it: kept small, since all of them load at start.
 * The rest (code, column types, tests and lineage, run status) is in `SiteDetails`, loaded when a page opens.
 */
export interface SiteNode {
  id: string;
  name: string;
  type: string;
  packageName: string;
  /** File path in the project (`models/marts/fact_sales.sql`). */
  path: string;
  database: string | null;
  schema: string | null;
  description: string;
  tags: string[];
  materialized?: string;
  columns: SiteColumnSummary[];
  parents: string[];
  children: string[];
  fqn: string[];
  /** Config values the selection grammar reads (`config.materialized:table`). */
  config: Record<string, unknown>;
  sourceName?: string;
  /** Tests: the node they test and the column. */
  testedNode?: string;
  testedColumn?: string;
  /** Which `assets/details/<n>.js` holds this node's details. */
  detailChunk: number;
}

export interface SiteDetails {
  relation: string | null;
  rawCode?: string;
  compiledCode?: string;
  columns: SiteColumn[];
  run?: SiteRun;
  rowCount?: number;
  owner?: string;
  exposureType?: string;
}

export interface DashboardSeries {
  /** Stable id: revenue_by_month, top_customers, customers_by_state, top_products, return_rates, discount_bands. */
  id: string;
  title: string;
  kind: 'line' | 'bar';
  xLabel: string;
  yLabel: string;
  labels: string[];
  values: number[];
  /** How to show values: currency, count or percent. */
  format: 'currency' | 'count' | 'percent';
}

export interface DashboardData {
  series: DashboardSeries[];
  /** Set instead of series when the warehouse had no analytics tables. */
  skipped?: string;
}

export interface SitePayload {
  project: { name: string; adapterType: string; generatedAt: string; dbtVersion: string };
  overview: string;
  nodes: SiteNode[];
  dashboard?: DashboardData;
  catalogLoaded: boolean;
  runResultsLoaded: boolean;
}
