/**
 * Kahn's algorithm level by level, each level sorted by unique id so the order is stable from run to run.
 * Returns the order and the members it could not place (those in, or downstream of, a cycle).
 */
export function topoOrder(
  ids: string[],
  parents: Map<string, string[]>,
  children: Map<string, string[]>,
): { order: string[]; unplaced: string[] } {
  const remaining = new Map<string, number>();
  let level: string[] = [];
  for (const id of ids) {
    const count = parents.get(id)?.length ?? 0;
    remaining.set(id, count);
    if (count === 0) level.push(id);
  }
  const order: string[] = [];
  while (level.length > 0) {
    if (level.length > 1) level.sort();
    const next: string[] = [];
    for (const id of level) {
      order.push(id);
      const kids = children.get(id);
      if (kids === undefined) continue;
      for (const child of kids) {
        const left = (remaining.get(child) ?? 0) - 1;
        remaining.set(child, left);
        if (left === 0) next.push(child);
      }
    }
    level = next;
  }
  const unplaced = order.length === ids.length ? [] : ids.filter((id) => (remaining.get(id) ?? 0) > 0);
  return { order, unplaced };
}
