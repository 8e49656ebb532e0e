import { createHash } from 'node:crypto';
import type { Manifest, ManifestNode, SourceDefinition } from '@tsdbt/core';
import type { Catalog } from '../artifacts.js';
import { columnLineageForSql } from './column-lineage.js';
import { RelationLookup } from './relation-lookup.js';
import type { ColumnLineage, KnownRelation } from './types.js';

const RELATION_TYPES = new Set(['model', 'seed', 'snapshot']);

/** Column names of a node: all of them from the catalog (in column order), else the documented ones (maybe a subset). */
export function knownColumns(id: string, node: ManifestNode | SourceDefinition, catalog?: Catalog): { columns?: string[]; complete: boolean } {
  const table = catalog?.nodes[id] ?? catalog?.sources[id];
  if (table) return { columns: Object.values(table.columns).sort((a, b) => a.index - b.index).map((c) => c.name), complete: true };
  const documented = Object.values(node.columns ?? {}).map((c) => c.name);
  return { columns: documented.length > 0 ? documented : undefined, complete: false };
}

function relationsOf(manifest: Manifest, catalog?: Catalog): KnownRelation[] {
  const relations: KnownRelation[] = [];
  for (const node of Object.values(manifest.nodes)) {
    if (!RELATION_TYPES.has(node.resource_type)) continue;
    relations.push({ uniqueId: node.unique_id, database: node.database, schema: node.schema, identifier: node.alias || node.name, ...knownColumns(node.unique_id, node, catalog) });
  }
  for (const src of Object.values(manifest.sources)) {
    relations.push({ uniqueId: src.unique_id, database: src.database, schema: src.schema, identifier: src.identifier || src.name, ...knownColumns(src.unique_id, src, catalog) });
  }
  return relations;
}

/** node-sql-parser's grammars for the warehouse that ran the SQL, closest first (DuckDB has none of its own). */
export function parserDialect(adapterType: string | undefined): string[] {
  return adapterType === 'snowflake' ? ['snowflake'] : ['postgresql', 'snowflake'];
}

/** Results of earlier runs by input hash: parsing is the slow part (milliseconds per model), so reuse it. */
export type LineageCache = Map<string, ColumnLineage[]>;

/**
 * The inputs a model's lineage depends on: dialect, SQL, its columns and its parents' columns. (A table named in
 * SQL without ref/source that later becomes a node is not in the key: such a result stays "not a node".)
 */
function cacheKey(database: string[], sql: string, columns: string[] | undefined, parents: KnownRelation[]): string {
  const hash = createHash('sha256').update(database.join(',')).update('\0').update(sql).update('\0').update(JSON.stringify(columns ?? null));
  for (const p of parents) hash.update(JSON.stringify([p.uniqueId, p.schema, p.identifier, p.database, p.columns, p.complete]));
  return hash.digest('base64url');
}

/** One model to trace: the inputs of `columnLineageForSql` and the cache key they hash to. */
export interface LineageJob {
  id: string;
  key: string;
  sql: string;
  columns?: string[];
}

/** What every job shares: the project's relations and the parser grammars. */
export interface LineagePlan {
  relations: KnownRelation[];
  database: string[];
  jobs: LineageJob[];
}

export function planLineage(manifest: Manifest, catalog?: Catalog): LineagePlan {
  const relations = relationsOf(manifest, catalog);
  const byId = new Map(relations.map((r) => [r.uniqueId, r]));
  const database = parserDialect(manifest.metadata.adapter_type);
  const jobs: LineageJob[] = [];
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'model' && node.resource_type !== 'snapshot') continue;
    if (!node.compiled_code) continue;
    const columns = knownColumns(node.unique_id, node, catalog).columns;
    const parents = node.depends_on.nodes.flatMap((id) => byId.get(id) ?? []);
    jobs.push({ id: node.unique_id, key: cacheKey(database, node.compiled_code, columns, parents), sql: node.compiled_code, columns });
  }
  return { relations, database, jobs };
}

/** Traces the jobs: parsing dominates (milliseconds per model). */
export function runLineageJobs(plan: Omit<LineagePlan, 'jobs'>, jobs: LineageJob[]): ColumnLineage[][] {
  const relations = new RelationLookup(plan.relations);
  return jobs.map((job) => columnLineageForSql(job.sql, { relations, columns: job.columns, database: plan.database }));
}

/** The jobs the cache cannot answer. */
export function uncachedJobs(plan: LineagePlan, cache?: LineageCache): LineageJob[] {
  return plan.jobs.filter((job) => !cache?.has(job.key));
}

/** Puts cached and fresh results together by unique_id; leaves the cache holding exactly this run's entries. */
export function collectLineage(plan: LineagePlan, fresh: Map<string, ColumnLineage[]>, cache?: LineageCache): Record<string, ColumnLineage[]> {
  const out: Record<string, ColumnLineage[]> = {};
  const used: LineageCache = new Map();
  for (const job of plan.jobs) {
    const lineage = fresh.get(job.key) ?? cache?.get(job.key) ?? [];
    used.set(job.key, lineage);
    out[job.id] = lineage;
  }
  if (cache) {
    cache.clear();
    for (const [k, v] of used) cache.set(k, v);
  }
  return out;
}

/**
 * Column lineage of every compiled model of the manifest, keyed by unique_id. With `cache`, unchanged models are
 * not parsed again, and the cache is left holding exactly this run's entries.
 */
export function projectColumnLineage(manifest: Manifest, catalog?: Catalog, cache?: LineageCache): Record<string, ColumnLineage[]> {
  const plan = planLineage(manifest, catalog);
  const todo = uncachedJobs(plan, cache);
  const results = runLineageJobs(plan, todo);
  return collectLineage(plan, new Map(todo.map((job, i) => [job.key, results[i]!])), cache);
}
