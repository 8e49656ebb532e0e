import { DICT_CONFIGS, mergeConfig, normalizeKey } from './merge-config.js';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The config keys written at one level of a tree (`+key`, or a plain key that is not a folder). */
function levelConfig(level: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in level) {
    if (!Object.hasOwn(level, key)) continue;
    const value = level[key];
    if (key.startsWith('+')) out[normalizeKey(key)] = value;
    else if (!isMapping(value) || DICT_CONFIGS.has(key)) out[normalizeKey(key)] = value;
  }
  return out;
}

/** The merged config down to one level of a tree, and the levels below it already merged. */
interface Level {
  config: Record<string, unknown>;
  below: Map<string, Level>;
}

/**
 * Merged configs by tree and path: every node of a folder walks the same levels (30,000 nodes share a few hundred
 * paths), so each level merges once. Keyed by the path, not the level object, as a YAML alias can repeat an object.
 */
const memo = new WeakMap<Record<string, unknown>, Level>();

function remember(tree: Record<string, unknown>): Level {
  const top = { config: levelConfig(tree), below: new Map<string, Level>() };
  memo.set(tree, top);
  return top;
}

/**
 * Config from a dbt_project.yml tree (`models:`, `seeds:` ...) for a node with this fqn (`[package, ...folders, name]`).
 * Each level down the fqn merges over the one above, so the deepest folder wins. The result is shared between
 * callers: copy it before changing it.
 */
export function treeConfig(tree: Record<string, unknown> | undefined, fqn: readonly string[]): Readonly<Record<string, unknown>> {
  if (!tree) return {};
  let at = memo.get(tree) ?? remember(tree);
  let level: Record<string, unknown> = tree;
  for (const part of fqn) {
    const next = level[part];
    if (!isMapping(next) || DICT_CONFIGS.has(part)) break;
    let down = at.below.get(part);
    if (!down) at.below.set(part, (down = { config: mergeConfig(at.config, levelConfig(next)), below: new Map() }));
    at = down;
    level = next;
  }
  return at.config;
}
