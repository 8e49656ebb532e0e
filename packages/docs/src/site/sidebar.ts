import { clear, h, nodeHref } from './dom.js';
import type { Store } from './store.js';
import { databaseTree, projectTree, visibleRows, type TreeFolder, type TreeRow } from './tree.js';
import { VirtualList } from './virtual-list.js';

type Row = TreeRow | { hit: true; id: string; where: string };

/** The left column: search box, Project/Database tabs, and one virtualised list showing the tree or the hits. */
export function sidebar(store: Store): HTMLElement {
  const trees: Record<'project' | 'database', TreeFolder> = { project: projectTree(store.payload.nodes), database: databaseTree(store.payload.nodes) };
  const open = new Set<string>();
  // Open the first two levels of the project tree, as dbt's docs do.
  for (const pkg of trees.project.folders.values()) {
    open.add(pkg.key);
    for (const sub of pkg.folders.values()) if (sub.folders.size + sub.leaves.length <= 50) open.add(sub.key);
  }
  for (const db of trees.database.folders.values()) open.add(db.key);
  let tab: 'project' | 'database' = 'project';
  const listEl = h('div', { class: 'side-list', id: 'side-list' });
  const list = new VirtualList<Row>(listEl, 24, (row) => renderRow(store, row, toggle));
  const search = h('input', { id: 'search', type: 'search', placeholder: 'Search models, columns, descriptions', autocomplete: 'off' });
  const count = h('div', { class: 'search-count', id: 'search-count' });
  const tabs = h('div', { class: 'tabs' },
    h('button', { class: 'tab active', 'data-tab': 'project', onclick: () => setTab('project') }, 'Project'),
    h('button', { class: 'tab', 'data-tab': 'database', onclick: () => setTab('database') }, 'Database'));
  function refresh(): void {
    const q = search.value.trim();
    clear(count);
    if (q) {
      const hits = store.search.search(q);
      count.append(`${hits.length}${hits.length === 500 ? '+' : ''} results`);
      list.setItems(hits.map((hit) => ({ hit: true, id: hit.id, where: hit.where })));
    } else list.setItems(visibleRows(trees[tab], open));
  }
  function toggle(key: string): void {
    if (open.has(key)) open.delete(key);
    else open.add(key);
    refresh();
  }
  function setTab(next: 'project' | 'database'): void {
    tab = next;
    for (const b of tabs.querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === next);
    refresh();
  }
  search.addEventListener('input', refresh);
  const el = h('aside', { class: 'sidebar' }, search, count, tabs, listEl);
  requestAnimationFrame(refresh);
  refresh();
  return el;
}

function renderRow(store: Store, row: Row, toggle: (key: string) => void): HTMLElement {
  if ('hit' in row) {
    const n = store.byId.get(row.id);
    return h('div', { class: 'row hit' }, h('a', { href: nodeHref(row.id), 'data-id': row.id }, store.label(row.id)),
      h('span', { class: `badge type-${n?.type}` }, n?.type ?? ''), h('span', { class: 'where' }, row.where));
  }
  const pad = `padding-left:${8 + row.depth * 14}px`;
  if (row.folderKey) {
    const key = row.folderKey;
    return h('div', { class: 'row folder', style: pad, onclick: () => toggle(key) }, `${row.open ? '▾' : '▸'} ${row.label}`);
  }
  return h('div', { class: `row leaf type-${row.type}`, style: pad }, h('a', { href: nodeHref(row.nodeId!), 'data-id': row.nodeId! }, row.label));
}
