/** The project tree (by folder) and the database tree (database → schema → relation), as flat rows to virtualise. */
export interface TreeSource {
  id: string;
  name: string;
  type: string;
  path: string;
  packageName: string;
  database: string | null;
  schema: string | null;
}

export interface TreeFolder {
  key: string;
  label: string;
  folders: Map<string, TreeFolder>;
  leaves: { id: string; label: string; type: string }[];
}

export interface TreeRow {
  depth: number;
  label: string;
  /** Folder rows carry a key to toggle; leaf rows the node id. */
  folderKey?: string;
  nodeId?: string;
  type?: string;
  open?: boolean;
}

const SHOWN = new Set(['model', 'seed', 'snapshot', 'source', 'exposure', 'analysis']);

function folder(key: string, label: string): TreeFolder {
  return { key, label, folders: new Map(), leaves: [] };
}

function insert(root: TreeFolder, parts: string[], leaf: { id: string; label: string; type: string }): void {
  let cur = root;
  for (const part of parts) {
    let next = cur.folders.get(part);
    if (!next) {
      next = folder(`${cur.key}/${part}`, part);
      cur.folders.set(part, next);
    }
    cur = next;
  }
  cur.leaves.push(leaf);
}

/** Project view: package → folders of the file path; sources under `Sources` → source name, as dbt's docs do. */
export function projectTree(nodes: TreeSource[]): TreeFolder {
  const root = folder('p', 'Project');
  for (const n of nodes) {
    if (!SHOWN.has(n.type)) continue;
    const dirs = n.path.split('/').slice(0, -1);
    const parts = n.type === 'source' ? [n.packageName, 'Sources', n.id.split('.')[2] ?? ''] : [n.packageName, ...dirs];
    insert(root, parts, { id: n.id, label: n.name, type: n.type });
  }
  return root;
}

/** Database view: database → schema → relation. */
export function databaseTree(nodes: TreeSource[]): TreeFolder {
  const root = folder('d', 'Database');
  for (const n of nodes) {
    if (!SHOWN.has(n.type) || !n.schema || n.type === 'exposure') continue;
    insert(root, [n.database ?? '(default)', n.schema], { id: n.id, label: n.name, type: n.type });
  }
  return root;
}

/** The visible rows: open folders expanded, folders before leaves, both sorted by name. */
export function visibleRows(root: TreeFolder, open: Set<string>, depth = 0, out: TreeRow[] = []): TreeRow[] {
  const folders = [...root.folders.values()].sort((a, b) => a.label.localeCompare(b.label));
  for (const f of folders) {
    const isOpen = open.has(f.key);
    out.push({ depth, label: f.label, folderKey: f.key, open: isOpen });
    if (isOpen) visibleRows(f, open, depth + 1, out);
  }
  const leaves = [...root.leaves].sort((a, b) => a.label.localeCompare(b.label));
  for (const l of leaves) out.push({ depth, label: l.label, nodeId: l.id, type: l.type });
  return out;
}
