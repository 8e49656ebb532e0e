import { dashboardPage } from './dashboard-page.js';
import { clear, graphHref, h } from './dom.js';
import { graphPage, type GraphParams } from './graph-page.js';
import { markdown } from './markdown.js';
import { nodePage } from './node-page.js';
import { sidebar } from './sidebar.js';
import { Store } from './store.js';

/** Entry point: builds the layout once, then renders the page the URL hash names (`#!/node/<id>`, `#!/graph?...`). */
function start(): void {
  document.documentElement.dataset.startMs = String(Math.round(performance.now()));
  const payload = window.__TSDBT__;
  if (!payload) {
    document.body.textContent = 'data.js did not load: open index.html from the folder tsdbt docs generate wrote.';
    return;
  }
  const store = new Store(payload);
  const main = h('main', { id: 'main' });
  // A project without the sales models gets an empty dashboard with no reason given: no tab for it.
  const board = payload.dashboard;
  const hasDashboard = !board || board.series.length > 0 || board.skipped !== undefined;
  const nav = h('nav', { class: 'top' },
    h('a', { class: 'brand', href: '#!/overview' }, payload.project.name),
    h('a', { href: '#!/overview' }, 'Overview'),
    h('a', { href: graphHref(''), id: 'nav-graph' }, 'Lineage graph'),
    ...(hasDashboard ? [h('a', { href: '#!/dashboard', id: 'nav-dashboard' }, 'Dashboard')] : []));
  document.body.append(nav, h('div', { class: 'layout' }, sidebar(store), main));
  const render = () => route(store, main);
  window.addEventListener('hashchange', render);
  render();
  // Milliseconds from navigation start to a usable page: read by the browser tests and bench/docs.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

function route(store: Store, main: HTMLElement): void {
  const hash = decodeURIComponent(location.hash.replace(/^#!?\/?/, '').split('?')[0] ?? '');
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  clear(main);
  main.scrollTop = 0;
  if (hash.startsWith('node/')) {
    const node = store.byId.get(hash.slice('node/'.length));
    main.append(node ? nodePage(store, node) : h('p', { class: 'error' }, `No resource ${hash.slice(5)} in this manifest.`));
  } else if (hash === 'graph') {
    const params: GraphParams = { select: query.get('select') ?? undefined, exclude: query.get('exclude') ?? undefined, column: query.get('column') ?? undefined };
    if (params.select === '' && !query.has('all')) params.select = undefined;
    main.append(graphPage(store, params, (p) => (location.hash = `${graphHref(p.select ?? '')}&exclude=${encodeURIComponent(p.exclude ?? '')}&all=1`)));
  } else if (hash === 'dashboard') {
    main.append(dashboardPage(store.payload.dashboard));
  } else {
    main.append(overview(store));
  }
}

function overview(store: Store): HTMLElement {
  const counts = new Map<string, number>();
  for (const n of store.payload.nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  const p = store.payload;
  return h('article', { class: 'page overview' },
    p.overview ? markdown(p.overview) : h('h1', {}, p.project.name),
    h('ul', { class: 'counts' }, [...counts].sort().map(([type, n]) => h('li', {}, `${n.toLocaleString('en-US')} ${type}${n === 1 ? '' : 's'}`))),
    h('p', { class: 'muted' }, `Generated ${p.project.generatedAt} · adapter ${p.project.adapterType}`,
      p.catalogLoaded ? '' : ' · no catalog.json (column types and row counts missing)',
      p.runResultsLoaded ? '' : ' · no run_results.json (no run status)'));
}

start();
