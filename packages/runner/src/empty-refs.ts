import type { Manifest } from '@tsdbt/core';

/**
 * dbt's `--empty`: every ref and source reads no rows, so relations build with their columns and nothing in them.
 * `deferred` relations (from --defer) are wrapped the same way.
 */
export function emptyRefs(manifest: Manifest, deferred?: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const wrap = (relation: string): string => `(select * from ${relation} where false limit 0)`;
  for (const [id, node] of Object.entries(manifest.nodes)) {
    if (!['model', 'seed', 'snapshot'].includes(node.resource_type) || node.config.materialized === 'ephemeral') continue;
    const relation = deferred?.get(id) ?? node.relation_name;
    if (relation) out.set(id, wrap(relation));
  }
  for (const [id, source] of Object.entries(manifest.sources)) if (source.relation_name) out.set(id, wrap(source.relation_name));
  return out;
}
