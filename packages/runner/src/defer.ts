import type { Connection, Manifest } from '@tsdbt/core';
import type { Project } from './core-api.js';

/**
 * dbt's `--defer`: a ref to a node that is not selected, and whose relation does not exist in this target, reads
 * the relation the `--state` manifest names instead. With `--favor-state` (dbt 1.6+) every unselected node reads
 * the state's relation, whether or not this target has one, so the warehouse is not asked. Returned as ref
 * overrides for the compiler.
 */
export async function deferredRefs(project: Project, state: Manifest, selected: Set<string>, conn: Connection, favorState = false): Promise<Map<string, string>> {
  const overrides = new Map<string, string>();
  const existing = new Map<string, Set<string>>();
  const { dialect, manifest, target } = project;
  for (const [id, node] of Object.entries(manifest.nodes)) {
    if (selected.has(id) || !['model', 'seed', 'snapshot'].includes(node.resource_type) || node.config.materialized === 'ephemeral') continue;
    const stateNode = state.nodes?.[id];
    if (!stateNode?.relation_name) continue;
    if (favorState) {
      overrides.set(id, stateNode.relation_name);
      continue;
    }
    const key = `${node.database ?? target.database}.${node.schema}`.toLowerCase();
    if (!existing.has(key)) {
      const rels = await conn.listRelations(node.database ?? target.database, node.schema);
      existing.set(key, new Set(rels.map((r) => r.identifier.toLowerCase())));
    }
    const identifier = dialect.normalizeIdentifier(node.alias ?? node.name).toLowerCase();
    if (!existing.get(key)!.has(identifier)) overrides.set(id, stateNode.relation_name);
  }
  return overrides;
}
