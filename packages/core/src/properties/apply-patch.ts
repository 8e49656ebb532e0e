import type { ManifestNode } from '../manifest/types.js';
import { isRecord } from '../util/yaml-file.js';
import { readColumns, toStrings } from './columns.js';
import type { PatchKind, PropertyEntry } from './read-properties.js';

export const KIND_OF: Partial<Record<string, PatchKind>> = { model: 'models', seed: 'seeds', snapshot: 'snapshots', analysis: 'analyses' };

/**
 * Applies a property-YAML entry to its node (description, columns, docs, patch_path) and returns the config it
 * sets (its `config:` block, plus top-level meta/tags/docs as dbt still accepts them).
 */
export function applyPatch(node: ManifestNode, patch: PropertyEntry, renderText: (text: string) => string): Record<string, unknown> {
  const e = patch.entry;
  if (typeof e.description === 'string') node.description = renderText(e.description);
  node.columns = readColumns(e.columns, renderText);
  node.patch_path = `${patch.pkg.name}://${patch.file}`;
  const config: Record<string, unknown> = isRecord(e.config) ? { ...e.config } : {};
  if (isRecord(e.meta)) config.meta = { ...e.meta, ...(isRecord(config.meta) ? config.meta : {}) };
  if (e.tags !== undefined) config.tags = [...toStrings(e.tags), ...toStrings(config.tags)];
  if (isRecord(e.docs)) config.docs = { ...e.docs, ...(isRecord(config.docs) ? config.docs : {}) };
  if (typeof e.access === 'string') config.access = e.access;
  if (typeof e.group === 'string') config.group = e.group;
  if (e.latest_version !== undefined) node.latest_version = e.latest_version;
  if (isRecord(e.constraints) || Array.isArray(e.constraints)) node.constraints = e.constraints;
  return config;
}
