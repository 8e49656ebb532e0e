import type { Manifest } from '../manifest/types.js';

/** What the graph needs to know about any manifest entry (node, source, exposure, unit test, metric, …). */
export interface GraphMember {
  unique_id: string;
  resource_type: string;
  original_file_path?: string;
  depends_on?: { nodes?: string[] };
  config?: { enabled?: boolean };
}

/** The manifest collections whose entries are graph members, in the order dbt chains them for its edge maps. */
const COLLECTIONS = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests'] as const;

/** Every enabled entry of the manifest that takes part in the DAG. Disabled ones are not graph members, as in dbt. */
export function graphMembers(manifest: Manifest): GraphMember[] {
  const members: GraphMember[] = [];
  for (const key of COLLECTIONS) {
    const collection = (manifest as unknown as Record<string, Record<string, GraphMember> | undefined>)[key];
    if (!collection) continue;
    // for-in rather than Object.values: no values array for 30,000 nodes (about 5 ms less per listing).
    for (const id in collection) {
      const member = collection[id];
      if (member?.config?.enabled === false) continue;
      members.push(member!);
    }
  }
  return members;
}

/** The unique ids a member depends on, as written (may name nodes missing from the manifest). */
export function dependsOn(member: GraphMember): string[] {
  return member.depends_on?.nodes ?? [];
}
