import { DICT_CONFIGS, mergeConfig, normalizeKey } from './merge-config.js';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The config keys written at one level of a tree (`+key`, or a plain key that is not a folder). */
function levelConfig(level: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) out[normalizeKey(key)] = value;
    else if (!isMapping(value) || DICT_CONFIGS.has(key)) out[normalizeKey(key)] = value;
  }
  return out;
}

/**
 * Config from a dbt_project.yml tree (`models:`, `seeds:` ...) for a node with this fqn (`[package, ...folders, name]`).
 * Each level down the fqn merges over the one above, so the deepest folder wins.
 */
export function treeConfig(tree: Record<string, unknown> | undefined, fqn: readonly string[]): Record<string, unknown> {
  if (!tree) return {};
  let config = levelConfig(tree);
  let level: Record<string, unknown> = tree;
  for (const part of fqn) {
    const next = level[part];
    if (!isMapping(next) || DICT_CONFIGS.has(part)) break;
    config = mergeConfig(config, levelConfig(next));
    level = next;
  }
  return config;
}
