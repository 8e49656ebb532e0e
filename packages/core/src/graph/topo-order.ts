import type { LinkedMembers } from './link-members.js';

/**
 * Kahn's algorithm level by level, each level sorted by unique id so the order is stable from run to run.
 * Returns the order as ranks (see LinkedMembers) and, per rank, how many parents were never placed: above 0 for
 * the members in, or downstream of, a cycle.
 */
export function topoOrder(g: LinkedMembers): { order: Int32Array; waiting: Int32Array } {
  const n = g.ids.length;
  const waiting = new Int32Array(n);
  // Each level is a run of `order`; ranks sort as ids do, so a level is sorted with a typed array's native sort.
  const order = new Int32Array(n);
  let end = 0;
  for (let r = 0; r < n; r++) {
    waiting[r] = g.parents[r]!.length;
    if (waiting[r] === 0) order[end++] = r; // ascending already
  }
  for (let start = 0; start < end; ) {
    const levelEnd = end;
    for (let i = start; i < levelEnd; i++) {
      const r = order[i]!;
      for (let k = g.childStart[r]!; k < g.childStart[r + 1]!; k++) {
        const c = g.childRanks[k]!;
        if (--waiting[c]! === 0) order[end++] = c;
      }
    }
    if (end - levelEnd > 1) order.subarray(levelEnd, end).sort();
    start = levelEnd;
  }
  return { order: order.subarray(0, end), waiting };
}
