import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import type { Properties } from '../properties/read-properties.js';
import { createNode } from './node-factory.js';

const RELATION = /^\s*(ref|source)\s*\(.*\)\s*$/s;

/** dbt 1.9 snapshots declared in YAML (`relation: ref('x')` plus config): the node selects * from the relation. */
export function yamlSnapshots(props: Properties, existing: Record<string, ManifestNode>, problems: Diagnostic[]): ManifestNode[] {
  const out: ManifestNode[] = [];
  for (const patch of props.patches.values()) {
    if (patch.kind !== 'snapshots' || patch.entry.relation === undefined) continue;
    const name = patch.entry.name as string;
    if (existing[`snapshot.${patch.pkg.name}.${name}`]) continue;
    const relation = String(patch.entry.relation);
    if (!RELATION.test(relation)) {
      problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', file: patch.file, message: `Snapshot '${name}': relation must be ref(...) or source(...), got ${JSON.stringify(relation)}` });
      continue;
    }
    const dirs = patch.file.split('/').slice(1, -1);
    out.push(createNode({
      // Many nodes to one file, as dbt names them: path is the node's own file name under the YAML file's path.
      type: 'snapshot', packageName: patch.pkg.name, name, path: `${name}.sql`, file: patch.file,
      fqn: [patch.pkg.name, ...dirs, name], rawCode: `select * from {{ ${relation.trim()} }}`,
    }));
  }
  return out;
}
