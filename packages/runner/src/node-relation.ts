import type { Dialect, ManifestNode, RelationRef, TargetConfig } from '@tsdbt/core';

/** Where a node lives in the warehouse: the compiler has resolved database, schema and alias. */
export function nodeRelation(node: ManifestNode, target: TargetConfig, dialect: Dialect): RelationRef {
  return {
    database: node.database ?? target.database,
    schema: node.schema,
    identifier: dialect.normalizeIdentifier(node.identifier ?? node.alias ?? node.name),
  };
}

/** dbt's `relation_name` text for a node, as printed on the console (`main.customers`). */
export function displayRelation(node: ManifestNode): string {
  return `${node.schema}.${node.alias ?? node.identifier ?? node.name}`;
}

/** A sibling name in the same schema (dbt's `__dbt_tmp` / `__dbt_backup` suffixes). */
export function withSuffix(rel: RelationRef, suffix: string): RelationRef {
  return { ...rel, identifier: `${rel.identifier}${suffix}` };
}
