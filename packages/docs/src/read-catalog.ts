import type { Connection, Dialect, Manifest, RelationInfo, RelationRef } from '@tsdbt/core';
import type { Catalog, CatalogStat, CatalogTable } from './artifacts.js';

const RELATION_TYPES = new Set(['model', 'seed', 'snapshot']);

interface Entry {
  id: string;
  rel: RelationRef;
  kind: 'nodes' | 'sources';
}

function entries(manifest: Manifest): Entry[] {
  const out: Entry[] = [];
  for (const n of Object.values(manifest.nodes)) {
    if (!RELATION_TYPES.has(n.resource_type) || n.config.enabled === false || n.config.materialized === 'ephemeral') continue;
    out.push({ id: n.unique_id, kind: 'nodes', rel: { database: n.database ?? undefined, schema: n.schema, identifier: n.alias || n.name } });
  }
  for (const s of Object.values(manifest.sources)) {
    out.push({ id: s.unique_id, kind: 'sources', rel: { database: s.database ?? undefined, schema: s.schema, identifier: s.identifier || s.name } });
  }
  return out;
}

function stat(id: string, label: string, value: unknown, description: string, include: boolean): CatalogStat {
  return { id, label, value, include, description };
}

/**
 * catalog.json (dbt's v1 shape) from warehouse introspection through the core Connection only, so it works for
 * every adapter: each built relation's columns and types, and row counts of tables (views are not counted: a
 * count over a view runs its whole query). Relations that do not exist are left out, as dbt does; a relation that
 * fails to introspect is reported in `errors` without stopping the rest.
 */
export async function readCatalog(connection: Connection, dialect: Dialect, manifest: Manifest, now = new Date()): Promise<Catalog> {
  const catalog: Catalog = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
      dbt_version: manifest.metadata.dbt_version,
      generated_at: now.toISOString(),
      invocation_id: manifest.metadata.invocation_id,
      env: {},
    },
    nodes: {},
    sources: {},
    errors: null,
  };
  const errors: string[] = [];
  const find = relationFinder(connection);
  for (const entry of entries(manifest)) {
    try {
      const table = await readTable(connection, dialect, entry, await find(entry.rel));
      if (table) catalog[entry.kind][entry.id] = table;
    } catch (error) {
      errors.push(`${entry.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (errors.length > 0) catalog.errors = errors;
  return catalog;
}

/**
 * Finds relations with one listing per schema rather than one lookup per node (thousands of round trips on a
 * remote warehouse); a schema that cannot be listed (absent) falls back to asking per relation.
 */
function relationFinder(connection: Connection): (rel: RelationRef) => Promise<RelationInfo | undefined> {
  const schemas = new Map<string, Promise<RelationInfo[] | undefined>>();
  return async (rel) => {
    const key = `${rel.database ?? ''}\u0000${rel.schema}`.toLowerCase();
    let listing = schemas.get(key);
    if (!listing) {
      listing = connection.listRelations(rel.database, rel.schema).catch(() => undefined);
      schemas.set(key, listing);
    }
    const found = await listing;
    if (!found) return connection.getRelation(rel);
    return found.find((r) => r.identifier.toLowerCase() === rel.identifier.toLowerCase());
  };
}

async function readTable(connection: Connection, dialect: Dialect, entry: Entry, info: RelationInfo | undefined): Promise<CatalogTable | undefined> {
  if (!info) return undefined;
  const cols = await connection.getColumns(entry.rel);
  const isView = info.type === 'view' || info.type === 'materialized_view';
  const stats: Record<string, CatalogStat> = { has_stats: stat('has_stats', 'Has Stats?', !isView, 'Indicates whether there are statistics for this table', false) };
  if (!isView) {
    const result = await connection.execute(`select count(*) from ${dialect.renderRelation(info)}`);
    stats.row_count = stat('row_count', 'Row Count', Number(result.rows[0]?.[0] ?? 0), 'Number of rows in the table', true);
  }
  return {
    metadata: { type: isView ? 'VIEW' : 'BASE TABLE', schema: info.schema, name: info.identifier, database: info.database ?? null, comment: null, owner: null },
    columns: Object.fromEntries(cols.map((c, index) => [c.name, { type: c.dataType, index: index + 1, name: c.name, comment: null }])),
    stats,
    unique_id: entry.id,
  };
}
