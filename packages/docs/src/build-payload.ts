import type { Manifest, ManifestNode, SourceDefinition } from '@tsdbt/core';
import type { Catalog, CatalogTable, RunResults, SourcesArtifact } from './artifacts.js';
import { projectColumnLineage, type LineageCache } from './lineage/project-lineage.js';
import type { ColumnLineage } from './lineage/types.js';
import type { DashboardData, SiteColumn, SiteDetails, SiteNode, SitePayload, SiteRun } from './site-payload.js';

export interface PayloadInput {
  manifest: Manifest;
  catalog?: Catalog;
  runResults?: RunResults;
  sources?: SourcesArtifact;
  dashboard?: DashboardData;
  /** Column lineage of earlier runs, reused for unchanged models (see projectColumnLineage). */
  lineageCache?: LineageCache;

}

interface Exposure {
  unique_id: string; name: string; description?: string; type?: string; package_name?: string; original_file_path?: string;
  owner?: { name?: string; email?: string }; tags?: string[]; fqn?: string[]; depends_on?: { nodes?: string[] };
}

/** Nodes per details file: a page load reads one file of this many nodes' code and columns. */
export const DETAIL_CHUNK_SIZE = 200;

type Entry = [Omit<SiteNode, 'detailChunk'>, SiteDetails];

export interface BuiltPayload {
  payload: SitePayload;
  /** `chunks[n]` maps node ids to their details; written as `assets/details/<n>.js`. */
  chunks: Record<string, SiteDetails>[];
}

/** Turns the artifacts into the site's data: one record per resource, with tests, run status and column lineage. */
export function buildPayload(input: PayloadInput): BuiltPayload {
  const { manifest, catalog } = input;
  const lineage = projectColumnLineage(manifest, catalog, input.lineageCache);
  const runs = runIndex(input.runResults, input.sources);
  const testsByColumn = columnTests(manifest);
  const entries: Entry[] = [];
  for (const node of Object.values(manifest.nodes)) {
    entries.push(fromNode(manifest, node, catalog?.nodes[node.unique_id], lineage[node.unique_id], testsByColumn, runs));
  }
  for (const src of Object.values(manifest.sources)) {
    entries.push(fromSource(manifest, src, catalog?.sources[src.unique_id], testsByColumn, runs));
  }
  for (const exp of Object.values(manifest.exposures) as Exposure[]) entries.push(fromExposure(manifest, exp));
  linkExposures(entries);
  const chunks: Record<string, SiteDetails>[] = [];
  const nodes = entries.map(([node, details], i): SiteNode => {
    const detailChunk = Math.floor(i / DETAIL_CHUNK_SIZE);
    (chunks[detailChunk] ??= {})[node.id] = details;
    return { ...node, detailChunk };
  });
  return { chunks, payload: payloadOf(input, nodes) };
}

/** Exposures are leaves of the DAG: make sure their parents list them as children (child_map may omit them). */
function linkExposures(entries: Entry[]): void {
  const byId = new Map(entries.map(([n]) => [n.id, n]));
  for (const [node] of entries) {
    if (node.type !== 'exposure') continue;
    for (const parent of node.parents) {
      const p = byId.get(parent);
      if (p && !p.children.includes(node.id)) p.children = [...p.children, node.id];
    }
  }
}

function payloadOf(input: PayloadInput, nodes: SiteNode[]): SitePayload {
  const { manifest, catalog } = input;
  return {
    project: {
      name: manifest.metadata.project_name,
      adapterType: manifest.metadata.adapter_type,
      generatedAt: manifest.metadata.generated_at,
      dbtVersion: manifest.metadata.dbt_version,
    },
    overview: overviewText(manifest),
    nodes,
    dashboard: input.dashboard,
    catalogLoaded: catalog !== undefined,
    runResultsLoaded: input.runResults !== undefined,
  };
}

const summary = (columns: SiteColumn[]) => columns.map((c) => ({ name: c.name, description: c.description }));

function overviewText(manifest: Manifest): string {
  const docs = Object.values(manifest.docs) as { name?: string; package_name?: string; block_contents?: string }[];
  const own = docs.find((d) => d.name === '__overview__' && d.package_name === manifest.metadata.project_name);
  return (own ?? docs.find((d) => d.name === '__overview__'))?.block_contents ?? '';
}

function runIndex(runResults?: RunResults, sources?: SourcesArtifact): Map<string, SiteRun> {
  const runs = new Map<string, SiteRun>();
  for (const r of runResults?.results ?? []) {
    const completedAt = r.timing?.find((t) => t.name === 'execute')?.completed_at ?? r.timing?.at(-1)?.completed_at ?? runResults?.metadata.generated_at;
    runs.set(r.unique_id, { status: r.status, executionTime: r.execution_time, completedAt, message: r.message ?? null });
  }
  for (const s of sources?.results ?? []) {
    runs.set(s.unique_id, { status: `freshness: ${s.status}`, executionTime: 0, completedAt: s.snapshotted_at ?? sources?.metadata.generated_at });
  }
  return runs;
}

/** `node id → column (lower case) → test names`, from the generic tests attached to columns. */
function columnTests(manifest: Manifest): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const t of Object.values(manifest.nodes)) {
    if (t.resource_type !== 'test' || !t.column_name) continue;
    const target = t.attached_node ?? t.depends_on.nodes[0];
    if (!target) continue;
    const cols = out.get(target) ?? new Map<string, string[]>();
    const key = t.column_name.toLowerCase();
    cols.set(key, [...(cols.get(key) ?? []), t.test_metadata?.name ?? t.name]);
    out.set(target, cols);
  }
  return out;
}

function columns(
  documented: Record<string, { name: string; description: string; data_type?: string | null }>,
  table: CatalogTable | undefined,
  lineage: ColumnLineage[] | undefined,
  tests: Map<string, string[]> | undefined,
): SiteColumn[] {
  const byName = new Map<string, SiteColumn>();
  const warehouse = table ? Object.values(table.columns).sort((a, b) => a.index - b.index) : [];
  for (const c of warehouse) byName.set(c.name.toLowerCase(), { name: c.name, description: '', type: c.type, tests: [] });
  for (const d of Object.values(documented)) {
    const key = d.name.toLowerCase();
    const found = byName.get(key);
    if (found) found.description = d.description;
    else byName.set(key, { name: d.name, description: d.description, type: d.data_type ?? undefined, tests: [] });
  }
  for (const l of lineage ?? []) {
    const c = byName.get(l.column.toLowerCase());
    if (c) c.lineage = l;
  }
  for (const [key, names] of tests ?? []) {
    const c = byName.get(key) ?? { name: key, description: '', tests: [] };
    c.tests.push(...names);
    byName.set(key, c);
  }
  return [...byName.values()];
}

function rowCount(table: CatalogTable | undefined): number | undefined {
  const value = table?.stats.row_count?.value;
  return typeof value === 'number' ? value : undefined;
}

function fromNode(
  manifest: Manifest, node: ManifestNode, table: CatalogTable | undefined, lineage: ColumnLineage[] | undefined,
  tests: Map<string, Map<string, string[]>>, runs: Map<string, SiteRun>,
): Entry {
  const cols = columns(node.columns, table, lineage, tests.get(node.unique_id));
  const site: Omit<SiteNode, 'detailChunk'> = {
    id: node.unique_id, name: node.name, type: node.resource_type, packageName: node.package_name, path: node.original_file_path,
    database: node.database, schema: node.schema, description: node.description, tags: node.tags, materialized: node.config.materialized,
    columns: summary(cols), parents: manifest.parent_map[node.unique_id] ?? node.depends_on.nodes, children: manifest.child_map[node.unique_id] ?? [],
    fqn: node.fqn, config: { materialized: node.config.materialized, ...pickConfig(node.config) },
  };
  if (node.resource_type === 'test') {
    site.testedNode = node.attached_node ?? node.depends_on.nodes[0];
    site.testedColumn = node.column_name ?? undefined;
  }
  const details: SiteDetails = { relation: node.relation_name, rawCode: node.raw_code, compiledCode: node.compiled_code, columns: cols, run: runs.get(node.unique_id), rowCount: rowCount(table) };
  return [site, details];
}

function pickConfig(config: ManifestNode['config']): Record<string, unknown> {
  const keep = ['unique_key', 'incremental_strategy', 'severity', 'strategy', 'on_schema_change', 'alias', 'schema', 'database'];
  return Object.fromEntries(keep.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => [k, config[k]]));
}

function fromSource(
  manifest: Manifest, src: SourceDefinition, table: CatalogTable | undefined, tests: Map<string, Map<string, string[]>>, runs: Map<string, SiteRun>,
): Entry {
  const cols = columns(src.columns, table, undefined, tests.get(src.unique_id));
  return [{
    id: src.unique_id, name: src.name, type: 'source', packageName: src.package_name, path: src.original_file_path,
    database: src.database, schema: src.schema, description: src.description || src.source_description, tags: src.tags,
    columns: summary(cols), parents: [], children: manifest.child_map[src.unique_id] ?? [], fqn: src.fqn, config: { loader: src.loader },
    sourceName: src.source_name,
  }, { relation: src.relation_name, columns: cols, run: runs.get(src.unique_id), rowCount: rowCount(table) }];
}

function fromExposure(manifest: Manifest, exp: Exposure): Entry {
  const owner = [exp.owner?.name, exp.owner?.email].filter(Boolean).join(' ');
  return [{
    id: exp.unique_id, name: exp.name, type: 'exposure', packageName: exp.package_name ?? manifest.metadata.project_name,
    path: exp.original_file_path ?? '', database: null, schema: null, description: exp.description ?? '',
    tags: exp.tags ?? [], columns: [], parents: manifest.parent_map[exp.unique_id] ?? exp.depends_on?.nodes ?? [], children: [],
    fqn: exp.fqn ?? [exp.name], config: {},
  }, { relation: null, columns: [], owner, exposureType: exp.type }];
}
