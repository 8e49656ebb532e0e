import { treeConfig } from '../config/config-tree.js';
import { mergeConfig, mergeInto, toHooks } from '../config/merge-config.js';
import { defaultConfig } from '../config/default-config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode, NodeConfig } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';

const TREE_OF: Record<string, string> = { model: 'models', seed: 'seeds', snapshot: 'snapshots', test: 'data_tests', analysis: 'analyses' };

/** The trees that apply to a node, lowest first: its own package's (when not the root), then the root project's. */
function nodeTrees(packages: ProjectPackage[], node: Pick<ManifestNode, 'resource_type' | 'package_name' | 'fqn'>, unrendered: boolean): [Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>] {
  const key = TREE_OF[node.resource_type] ?? node.resource_type;
  const root = packages[0]!;
  const own = root.name === node.package_name ? root : packages.find((p) => p.name === node.package_name);
  const trees = (p: ProjectPackage) => (unrendered ? p.config.unrenderedTrees : p.config.trees);
  const fromOwn = own && !own.isRoot ? treeConfig(trees(own)[key], node.fqn) : EMPTY;
  return [fromOwn, treeConfig(trees(root)[key], node.fqn)];
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Config from dbt_project.yml trees: the node's own package's tree, then the root project's over it; `unrendered`
 * reads the trees as written (for unrendered_config). A fresh object.
 */
export function projectTreeConfig(packages: ProjectPackage[], node: Pick<ManifestNode, 'resource_type' | 'package_name' | 'fqn'>, unrendered = false): Record<string, unknown> {
  const [fromOwn, fromRoot] = nodeTrees(packages, node, unrendered);
  return mergeConfig(fromOwn, fromRoot);
}

/** dbt's unrendered_config: dbt_project.yml and property YAML as written, then the config() call's values over them. */
export function unrenderedConfig(packages: ProjectPackage[], node: ManifestNode, yml: Record<string, unknown>, inFile: Record<string, unknown> = {}): Record<string, unknown> {
  // projectTreeConfig returns a fresh object: merge into it in place.
  return mergeInto(mergeInto(projectTreeConfig(packages, node, true), yml), inFile);
}

/** dbt's precedence, lowest first: defaults < dbt_project.yml tree < property YAML < config() in the file. */
export function layeredConfig(packages: ProjectPackage[], node: ManifestNode, yml: Record<string, unknown>, inFile: Record<string, unknown> = {}): NodeConfig {
  const [fromOwn, fromRoot] = nodeTrees(packages, node, false);
  // defaultConfig returns a fresh object: the layers merge into it in place (mergeInto copies what it appends to).
  const config = mergeInto(mergeInto(mergeInto(defaultConfig(node.resource_type) as Record<string, unknown>, fromOwn), fromRoot), yml);
  return mergeInto(config, inFile) as NodeConfig;
}

type Check = [key: string, ok: (v: unknown) => boolean, expected: string];
const isStr = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';
const CHECKS: Check[] = [
  ['enabled', (v) => typeof v === 'boolean', 'true or false'],
  ['materialized', isStr, 'a string such as view, table, incremental, ephemeral'],
  ['tags', (v) => Array.isArray(v) && v.every(isStr), 'a string or a list of strings'],
  ['schema', strOrNull, 'a string'],
  ['alias', strOrNull, 'a string'],
  ['database', strOrNull, 'a string'],
  ['full_refresh', (v) => v === null || v === undefined || typeof v === 'boolean', 'true or false'],
  ['unique_key', (v) => strOrNull(v) || (Array.isArray(v) && v.every(isStr)), 'a column name or a list of column names'],
  ['meta', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'a mapping'],
  ['severity', (v) => v === undefined || (isStr(v) && /^(error|warn)$/i.test(v as string)), "'error' or 'warn'"],
];

/**
 * dbt's TestConfig.__post_init__: `store_failures_as`, when set, decides `store_failures` (ephemeral: off, table or
 * view: on, an unknown value: on, so the test materialization reports it); unset, it follows `store_failures` (true:
 * table, false: ephemeral). So `config.get('store_failures')` (should_store_failures(), which not_null reads to select
 * `*` rather than the column) and manifest.json say what the test will do.
 */
function pairStoreFailures(c: Record<string, unknown>): void {
  const as = c.store_failures_as;
  if (as === undefined || as === null) {
    if (c.store_failures === true) c.store_failures_as = 'table';
    else if (c.store_failures === false) c.store_failures_as = 'ephemeral';
  } else {
    c.store_failures = as !== 'ephemeral';
  }
}

/** Validates types and normalises what dbt normalises (tags list, hooks as objects, severity upper-case). */
export function finalizeConfig(node: ManifestNode, file: string, problems: Diagnostic[]): void {
  const c = node.config as Record<string, unknown>;
  if (typeof c.tags === 'string') c.tags = [c.tags];
  for (const [key, ok, expected] of CHECKS) {
    if (key in c && !ok(c[key]))
      problems.push({
        code: 'TSDBT_CONFIG_TYPE', severity: 'error', file,
        message: `Config '${key}' of ${node.resource_type} '${node.name}' must be ${expected}, got ${JSON.stringify(c[key])}`,
        hint: `Fix '${key}' in the config() call, the property YAML or dbt_project.yml.`,
      });
  }
  if (typeof c.severity === 'string') c.severity = c.severity.toUpperCase();
  if (node.resource_type === 'test') pairStoreFailures(c);
  // Tests have no hooks in dbt: normalised only where a project gave them some.
  if (node.resource_type !== 'test' || c.pre_hook !== undefined || c.post_hook !== undefined) {
    c.pre_hook = toHooks(c.pre_hook);
    c.post_hook = toHooks(c.post_hook);
    c['pre-hook'] = c.pre_hook;
    c['post-hook'] = c.post_hook;
  }
  node.tags = Array.isArray(c.tags) ? (c.tags as string[]) : [];
  node.meta = (c.meta as Record<string, unknown>) ?? {};
  if (c.docs && typeof c.docs === 'object') node.docs = { show: true, node_color: null, ...(c.docs as object) };
}
