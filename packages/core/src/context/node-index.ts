import type { Manifest, ManifestNode, SourceDefinition } from '../manifest/types.js';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

export interface NodeIndex {
  /** Refable nodes (models, seeds, snapshots) by name. */
  byName: Map<string, ManifestNode[]>;
  /** Sources by `source_name.table_name`. */
  sources: Map<string, SourceDefinition[]>;
}

const cache = new WeakMap<Manifest, NodeIndex>();

export function nodeIndex(manifest: Manifest): NodeIndex {
  let index = cache.get(manifest);
  if (index) return index;
  index = { byName: new Map(), sources: new Map() };
  for (const node of Object.values(manifest.nodes)) {
    if (!REFABLE.has(node.resource_type)) continue;
    const list = index.byName.get(node.name) ?? [];
    list.push(node);
    index.byName.set(node.name, list);
  }
  for (const src of Object.values(manifest.sources)) {
    const key = `${src.source_name}.${src.name}`;
    index.sources.set(key, [...(index.sources.get(key) ?? []), src]);
  }
  cache.set(manifest, index);
  return index;
}

/** Call after adding or removing nodes. */
export function resetNodeIndex(manifest: Manifest): void {
  cache.delete(manifest);
}

function pick<T extends { package_name: string }>(list: T[] | undefined, pkg: string | null, from: string, root: string): T | undefined {
  if (!list || list.length === 0) return undefined;
  if (pkg) return list.find((n) => n.package_name === pkg);
  return list.find((n) => n.package_name === from) ?? list.find((n) => n.package_name === root) ?? list[0];
}

/** dbt's ref resolution: the named package, else the calling node's package, then the root project, then any. */
export function resolveRef(
  manifest: Manifest,
  ref: { name: string; package: string | null; version: string | number | null },
  fromPackage: string,
  rootPackage: string,
): ManifestNode | undefined {
  let list = nodeIndex(manifest).byName.get(ref.name);
  if (list && ref.version !== null && ref.version !== undefined)
    list = list.filter((n) => String((n as { version?: unknown }).version ?? '') === String(ref.version));
  else if (list && list.length > 1) {
    // An unversioned ref to a versioned model means its latest version.
    const latest = list.filter((n) => {
      const v = n as { version?: unknown; latest_version?: unknown };
      return v.version === undefined || v.version === null || String(v.version) === String(v.latest_version);
    });
    if (latest.length > 0) list = latest;
  }
  return pick(list, ref.package, fromPackage, rootPackage);
}

export function resolveSource(manifest: Manifest, sourceName: string, tableName: string, fromPackage: string, rootPackage: string): SourceDefinition | undefined {
  return pick(nodeIndex(manifest).sources.get(`${sourceName}.${tableName}`), null, fromPackage, rootPackage);
}
