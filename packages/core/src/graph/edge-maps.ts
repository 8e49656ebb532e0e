import type { Manifest } from '../manifest/types.js';
import { dependsOn, graphMembers } from './graph-members.js';
import { sortStrings } from '../util/sort-strings.js';

/**
 * `parent_map` and `child_map` as dbt writes them into manifest.json: every graph member is a key; parents are the
 * member's `depends_on.nodes` as written, children only those that exist; both lists sorted.
 */
export function buildEdgeMaps(manifest: Manifest): { parent_map: Record<string, string[]>; child_map: Record<string, string[]> } {
  const members = graphMembers(manifest);
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  // Each member's child list is also kept by id in a Map: cheaper to look up than the 30,000-key object.
  const lists = new Map<string, string[]>();
  for (const m of members) {
    const list: string[] = [];
    childMap[m.unique_id] = list;
    lists.set(m.unique_id, list);
  }
  for (const m of members) {
    const parents = distinct(dependsOn(m));
    if (parents.length > 1) sortStrings(parents);
    parentMap[m.unique_id] = parents;
    for (const parent of parents) lists.get(parent)?.push(m.unique_id);
  }
  lists.forEach((list) => {
    if (list.length > 1) sortStrings(list);
  });
  return { parent_map: parentMap, child_map: childMap };
}

/** The list without repeats, first occurrences in order; plain loops (a Set per member adds up over 30,000). */
function distinct(ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return out;
}
