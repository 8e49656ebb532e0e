import type { SiteColumn, SiteDetails, SiteNode } from '../site-payload.js';
import { graphHref, h, nodeHref } from './dom.js';
import { formatSeconds } from './format.js';
import { markdown } from './markdown.js';
import type { Store } from './store.js';

/**
 * The page of one resource: description and neighbours at once; details, columns with tests and lineage, and code
 * as soon as the node's details file has loaded.
 */
export function nodePage(store: Store, node: SiteNode): HTMLElement {
  const tests = store.testsOf.get(node.id) ?? [];
  const relation = h('div', { class: 'relation' });
  const detailSlot = h('div', { class: 'details-slot' });
  const columnSlot = h('div', { class: 'columns-slot' });
  const codeSlot = h('div', { class: 'code-slot' });
  const page = h('article', { class: 'page', 'data-node': node.id },
    h('header', {},
      h('h1', {}, store.label(node.id), ' ', h('span', { class: `badge type-${node.type}` }, node.type)),
      relation,
      node.type !== 'test' ? h('a', { class: 'button', href: graphHref(`+${selectorFor(node)}+`) }, 'View lineage graph') : null),
    detailSlot,
    h('section', {}, h('h2', {}, 'Description'), node.description ? markdown(node.description) : h('p', { class: 'muted' }, 'No description.')),
    columnSlot,
    neighbours(store, 'Depends on', node.parents, 'depends-on'),
    neighbours(store, 'Referenced by', node.children.filter((c) => store.byId.get(c)?.type !== 'test'), 'referenced-by'),
    tests.length > 0 ? neighbours(store, 'Tests', tests.map((t) => t.id), 'tests') : null,
    codeSlot,
  );
  void store.details(node.id).then((d) => {
    if (!d) return;
    if (d.relation) relation.append(h('code', {}, d.relation));
    detailSlot.append(details(store, node, d));
    if (d.columns.length > 0) columnSlot.append(columnsTable(store, node, d));
    codeSlot.append(code('Source code', d.rawCode, 'raw-code') ?? '', code('Compiled code', d.compiledCode, 'compiled-code') ?? '');
    page.dataset.loaded = 'true';
  }, (e: unknown) => detailSlot.append(h('p', { class: 'error' }, String(e))));
  return page;
}

/** The atom that selects this node by the default method (sources by `source:`). */
export function selectorFor(node: SiteNode): string {
  if (node.type === 'source') return `source:${node.sourceName}.${node.name}`;
  if (node.type === 'exposure') return `exposure:${node.name}`;
  return node.name;
}

function details(store: Store, node: SiteNode, d: SiteDetails): HTMLElement {
  const rows: [string, Node | string | undefined][] = [
    ['Materialization', node.materialized],
    ['Database', node.database ?? undefined],
    ['Schema', node.schema ?? undefined],
    ['Path', node.path],
    ['Package', node.packageName],
    ['Tags', node.tags.length ? node.tags.join(', ') : undefined],
    ['Rows', d.rowCount !== undefined ? d.rowCount.toLocaleString('en-US') : undefined],
    ['Owner', d.owner],
    ['Exposure type', d.exposureType],
    ['Tests', node.testedNode ? h('a', { href: nodeHref(node.testedNode) }, store.label(node.testedNode), node.testedColumn ? `.${node.testedColumn}` : '') : undefined],
    ['Last run', d.run ? runText(d) : undefined],
    ...Object.entries(node.config).filter(([k]) => k !== 'materialized').map(([k, v]): [string, string] => [k, String(v)]),
  ];
  return h('section', { class: 'details' }, h('dl', {},
    rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-detail': k }, v!)]).flat()));
}

function runText(d: SiteDetails): HTMLElement {
  const run = d.run!;
  const when = run.completedAt ? new Date(run.completedAt).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC' : 'unknown time';
  return h('span', { class: `run run-${run.status}` }, `${run.status} · ${when} · ${formatSeconds(run.executionTime)}`, run.message ? ` · ${run.message}` : '');
}

function columnsTable(store: Store, node: SiteNode, d: SiteDetails): HTMLElement {
  const hasLineage = d.columns.some((c) => c.lineage);
  return h('section', { class: 'columns' }, h('h2', {}, 'Columns'),
    h('table', { class: 'columns-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Column'), h('th', {}, 'Type'), h('th', {}, 'Description'), h('th', {}, 'Tests'), hasLineage ? h('th', {}, 'Lineage') : null)),
      h('tbody', {}, d.columns.map((c) => h('tr', { 'data-column': c.name },
        h('td', {}, h('code', {}, c.name)),
        h('td', {}, c.type ?? ''),
        h('td', {}, c.description ? markdown(c.description) : ''),
        h('td', {}, c.tests.join(', ')),
        hasLineage ? h('td', { class: 'lineage' }, lineageCell(store, node, c)) : null)))));
}

function lineageCell(store: Store, node: SiteNode, column: SiteColumn): (Node | string)[] {
  const l = column.lineage;
  if (!l) return [h('span', { class: 'muted' }, 'not in the SQL output')];
  if (l.kind === 'unresolved') return [h('span', { class: 'badge unresolved', title: l.reason ?? '' }, 'unresolved'), ' ', h('span', { class: 'reason' }, l.reason ?? '')];
  const trace = h('a', { class: 'trace', href: `${graphHref(`+${selectorFor(node)}`)}&column=${encodeURIComponent(`${node.id}|${column.name}`)}` }, 'trace');
  if (l.sources.length === 0) return [h('span', { class: `badge kind-${l.kind}` }, l.kind)];
  const links = l.sources.map((s) => h('a', { class: 'source-column', href: nodeHref(s.node) }, `${store.label(s.node)}.${s.column}`));
  return [h('span', { class: `badge kind-${l.kind}` }, l.kind), ' ', ...links.flatMap((a, i) => (i ? [', ', a] : [a])), ' ', trace];
}

function neighbours(store: Store, title: string, ids: string[], cls: string): HTMLElement {
  return h('section', { class: cls }, h('h2', {}, title),
    ids.length === 0 ? h('p', { class: 'muted' }, 'None.') :
      h('ul', {}, ids.map((id) => h('li', {}, h('a', { href: nodeHref(id) }, store.label(id)), ' ', h('span', { class: 'muted' }, store.byId.get(id)?.type ?? '')))));
}

function code(title: string, text: string | undefined, cls: string): HTMLElement | null {
  if (!text) return null;
  return h('section', { class: cls }, h('h2', {}, title), h('pre', {}, h('code', {}, text)));
}
