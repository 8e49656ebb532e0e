/** Follows column lineage upstream across models: every (node, column) a column is computed from, transitively. */
export interface TraceDetails {
  columns: { name: string; lineage?: { sources: { node: string; column: string }[] } }[];
}

export async function traceColumn(details: (id: string) => Promise<TraceDetails | undefined>, start: string, column: string): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  let frontier: [string, string][] = [[start, column]];
  while (frontier.length > 0) {
    const next: [string, string][] = [];
    // One level at a time, its details loaded together.
    const loaded = await Promise.all(frontier.map(([id]) => details(id)));
    frontier.forEach(([id, col], i) => {
      const cols = found.get(id) ?? new Set<string>();
      if (cols.has(col.toLowerCase())) return;
      cols.add(col.toLowerCase());
      found.set(id, cols);
      const entry = loaded[i]?.columns.find((c) => c.name.toLowerCase() === col.toLowerCase());
      for (const s of entry?.lineage?.sources ?? []) next.push([s.node, s.column]);
    });
    frontier = next;
  }
  return found;
}
