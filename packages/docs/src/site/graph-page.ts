import type { SiteNode } from '../site-payload.js';
import { traceColumn } from './column-trace.js';
import { h, nodeHref, svg } from './dom.js';
import { panZoom } from './pan-zoom.js';
import { selectNodes, SelectorError } from './selector.js';
import type { Store } from './store.js';

/** More nodes than this are not laid out at once: the page asks for a narrower selection. */
export const MAX_GRAPH_NODES = 400;
/** Projects up to this size show the whole DAG by default; larger ones a neighbourhood. */
const WHOLE_GRAPH_LIMIT = 300;

interface DagreGraph {
  setGraph(label: object): void;
  setDefaultEdgeLabel(fn: () => object): void;
  setNode(id: string, label: object): void;
  setEdge(from: string, to: string): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  edge(e: { v: string; w: string }): { points: { x: number; y: number }[] };
  edges(): { v: string; w: string }[];
  graph(): { width?: number; height?: number };
}
declare const dagre: { graphlib: { Graph: new () => DagreGraph }; layout(g: DagreGraph): void };

export interface GraphParams {
  select?: string;
  exclude?: string;
  /** `node id|column`: highlight what this column is computed from. */
  column?: string;
}

/** The default selection: the whole DAG for small projects, else the neighbourhood of the first model. */
export function defaultSelection(nodes: SiteNode[]): string {
  if (nodes.length <= WHOLE_GRAPH_LIMIT) return '';
  const first = nodes.find((n) => n.type === 'model');
  return first ? `1+${first.name}+1` : '';
}

export function graphPage(store: Store, params: GraphParams, navigate: (p: GraphParams) => void): HTMLElement {
  const graphNodes = store.payload.nodes.filter((n) => n.type !== 'test');
  const select = params.select ?? defaultSelection(graphNodes);
  const selectInput = h('input', { id: 'graph-select', placeholder: '+fact_sales, tag:daily, path:models/marts', value: select, size: 40 });
  const excludeInput = h('input', { id: 'graph-exclude', placeholder: 'exclude', value: params.exclude ?? '', size: 20 });
  const go = () => navigate({ select: selectInput.value, exclude: excludeInput.value });
  for (const input of [selectInput, excludeInput]) input.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && go());
  const form = h('div', { class: 'graph-form' }, h('label', {}, '--select ', selectInput), h('label', {}, '--exclude ', excludeInput), h('button', { onclick: go }, 'Update graph'));
  const status = h('div', { class: 'graph-status' });
  const page = h('article', { class: 'page graph-page' }, h('h1', {}, 'Lineage graph'), form, status);
  let ids: string[];
  try {
    ids = [...selectNodes(graphNodes, select, params.exclude ?? '')];
  } catch (e) {
    status.append(h('span', { class: 'error' }, e instanceof SelectorError ? e.message : String(e)));
    return page;
  }
  if (ids.length > MAX_GRAPH_NODES) {
    status.append(h('span', { class: 'warning' }, `${ids.length} nodes selected; showing the first ${MAX_GRAPH_NODES}. Narrow the selection (e.g. +fact_sales) to see the rest.`));
    ids = ids.slice(0, MAX_GRAPH_NODES);
  } else status.append(`${ids.length} nodes`);
  const cut = params.column?.lastIndexOf('|') ?? -1;
  if (!params.column || cut < 0) {
    page.append(drawGraph(store, ids));
    return page;
  }
  // Column trace: lineage sits in the details files, so the graph is drawn once they have loaded.
  const id = params.column.slice(0, cut), column = params.column.slice(cut + 1);
  status.append(h('span', { class: 'trace-note' }, ` · tracing ${store.label(id)}.${column}`));
  void traceColumn((x) => store.details(x), id, column).then((traced) => page.append(drawGraph(store, ids, traced)));
  return page;
}

function drawGraph(store: Store, ids: string[], traced?: Map<string, Set<string>>): HTMLElement {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  const chosen = new Set(ids);
  for (const id of ids) {
    const cols = traced?.get(id);
    const width = Math.max(110, Math.max(store.label(id).length, cols ? [...cols].join(', ').length : 0) * 7 + 24);
    g.setNode(id, { width, height: cols ? 50 : 34 });
  }
  for (const id of ids) for (const child of store.byId.get(id)?.children ?? []) if (chosen.has(child)) g.setEdge(id, child);
  dagre.layout(g);
  const group = svg('g') as SVGGElement;
  const arrow = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8c959f' })));
  const root = svg('svg', { class: 'graph', id: 'graph-svg', role: 'img' }, arrow, group) as SVGSVGElement;
  const zoom = panZoom(root, group);
  for (const e of g.edges()) {
    const d = g.edge(e).points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
    group.append(svg('path', { class: 'edge', d, 'data-from': e.v, 'data-to': e.w, 'marker-end': 'url(#arrow)' }));
  }
  for (const id of ids) group.append(nodeBox(store, id, g.node(id), traced?.get(id), () => !zoom.dragged()));
  requestAnimationFrame(() => zoom.fit(g.graph().width ?? 100, g.graph().height ?? 100));
  return h('div', { class: 'graph-wrap' }, root, h('p', { class: 'muted' }, 'Drag to pan, scroll to zoom, click a node to open its page.'));
}

function nodeBox(store: Store, id: string, pos: { x: number; y: number; width: number; height: number }, cols: Set<string> | undefined, isClick: () => boolean): SVGElement {
  const node = store.byId.get(id);
  const x = pos.x - pos.width / 2, y = pos.y - pos.height / 2;
  const box = svg('g', { class: `gnode type-${node?.type ?? 'unknown'}${cols ? ' traced' : ''}`, 'data-id': id, tabindex: 0 },
    svg('rect', { x, y, width: pos.width, height: pos.height, rx: 6 }),
    svg('text', { x: pos.x, y: y + 21, 'text-anchor': 'middle' }, store.label(id)),
    cols ? svg('text', { x: pos.x, y: y + 40, 'text-anchor': 'middle', class: 'traced-columns' }, [...cols].join(', ')) : null);
  box.addEventListener('click', () => {
    if (isClick()) location.hash = nodeHref(id);
  });
  box.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') location.hash = nodeHref(id);
  });
  return box;
}
