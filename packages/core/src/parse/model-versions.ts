import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import { patchKey, type Properties } from '../properties/read-properties.js';

/**
 * dbt model versions: a model entry with `versions:` turns files `<name>_v<v>.sql` (or `defined_in`) into
 * `model.<pkg>.<name>.v<v>` nodes named `<name>`; `ref('name')` resolves to `latest_version`, `ref('name', v=1)` to v1.
 */
export function applyModelVersions(nodes: Record<string, ManifestNode>, props: Properties, problems: Diagnostic[]): void {
  const byName = new Map<string, ManifestNode>();
  for (const n of Object.values(nodes)) if (n.resource_type === 'model') byName.set(`${n.package_name}.${n.name}`, n);
  for (const patch of props.patches.values()) {
    if (patch.kind !== 'models' || !Array.isArray(patch.entry.versions)) continue;
    const name = patch.entry.name as string;
    const versions = patch.entry.versions as Record<string, unknown>[];
    const latest = patch.entry.latest_version ?? versions.map((v) => v.v).sort((a, b) => Number(b) - Number(a))[0];
    for (const v of versions) {
      const file = typeof v.defined_in === 'string' ? v.defined_in : `${name}_v${v.v}`;
      const node = byName.get(`${patch.pkg.name}.${file}`);
      if (!node) {
        problems.push({ code: 'TSDBT_VERSION_NOT_FOUND', severity: 'error', file: patch.file, message: `Version ${v.v} of model '${name}' has no file '${file}.sql'`, hint: `Name the file ${name}_v${v.v}.sql or set defined_in.` });
        continue;
      }
      delete nodes[node.unique_id];
      node.unique_id = `model.${patch.pkg.name}.${name}.v${v.v}`;
      node.name = name;
      node.version = v.v as string | number;
      node.latest_version = latest;
      node.fqn = [...node.fqn.slice(0, -1), name, `v${v.v}`];
      nodes[node.unique_id] = node;
      props.patches.set(patchKey(patch.pkg.name, 'models', `${name}.v${v.v}`), { ...patch, entry: { ...patch.entry, ...v, name } });
    }
  }
}
