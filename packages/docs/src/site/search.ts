/** Search over names, descriptions, column names and column descriptions, ranked: name > column > description. */
export interface SearchableNode {
  id: string;
  name: string;
  type: string;
  description: string;
  tags: string[];
  columns: { name: string; description: string }[];
}

export interface SearchHit {
  id: string;
  score: number;
  /** Where it matched: `name`, `column <name>`, `description`, `tag`. */
  where: string;
}

interface Entry {
  id: string;
  name: string;
  description: string;
  tags: string;
  columns: { name: string; description: string }[];
}

/** A prepared index: lower-cased text per node, built once so each keystroke only scans strings. */
export class SearchIndex {
  private readonly entries: Entry[];

  constructor(nodes: SearchableNode[]) {
    this.entries = nodes.map((n) => ({
      id: n.id,
      name: n.name.toLowerCase(),
      description: n.description.toLowerCase(),
      tags: n.tags.join(' ').toLowerCase(),
      columns: n.columns.map((c) => ({ name: c.name.toLowerCase(), description: c.description.toLowerCase() })),
    }));
  }

  search(query: string, limit = 500): SearchHit[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const hits: SearchHit[] = [];
    for (const e of this.entries) {
      const hit = score(e, q);
      if (hit) hits.push(hit);
    }
    // Ties sort by id, which puts models, seeds and sources before the tests named after them.
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }
}

function score(e: Entry, q: string): SearchHit | undefined {
  if (e.name === q) return { id: e.id, score: 100, where: 'name' };
  if (e.name.startsWith(q)) return { id: e.id, score: 80, where: 'name' };
  if (e.name.includes(q)) return { id: e.id, score: 60, where: 'name' };
  const col = e.columns.find((c) => c.name.includes(q));
  if (col) return { id: e.id, score: col.name === q ? 45 : 40, where: `column ${col.name}` };
  if (e.tags.includes(q)) return { id: e.id, score: 30, where: 'tag' };
  if (e.description.includes(q)) return { id: e.id, score: 20, where: 'description' };
  const colDoc = e.columns.find((c) => c.description.includes(q));
  if (colDoc) return { id: e.id, score: 10, where: `column ${colDoc.name} description` };
  return undefined;
}
