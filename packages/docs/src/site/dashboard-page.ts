import type { DashboardData, DashboardSeries } from '../site-payload.js';
import { h } from './dom.js';
import { formatValue } from './format.js';

interface ChartLike {
  ctx: CanvasRenderingContext2D;
  data: { datasets: { data: number[] }[] };
  getDatasetMeta(i: number): { data: { x: number; y: number }[] };
}
declare const Chart: new (canvas: HTMLCanvasElement, config: object) => unknown;

/** The six answers of the sales project as Chart.js charts, each with its numbers in a table underneath. */
export function dashboardPage(data: DashboardData | undefined): HTMLElement {
  const page = h('article', { class: 'page dashboard' }, h('h1', {}, 'Sales dashboard'));
  if (!data || data.series.length === 0) {
    page.append(h('p', { class: 'muted', id: 'dashboard-skipped' }, data?.skipped ?? 'No dashboard data: run `tsdbt docs generate` against a warehouse where the sales models are built.'));
    return page;
  }
  const grid = h('div', { class: 'dashboard-grid' });
  page.append(grid);
  for (const series of data.series) grid.append(card(series));
  return page;
}

function card(series: DashboardSeries): HTMLElement {
  const canvas = h('canvas', { 'aria-label': series.title, role: 'img' });
  const table = h('table', { class: 'series-table' },
    h('thead', {}, h('tr', {}, h('th', {}, series.xLabel), h('th', {}, series.yLabel))),
    h('tbody', {}, series.labels.map((label, i) => h('tr', {}, h('td', {}, label), h('td', { class: 'num' }, formatValue(series.values[i]!, series.format))))));
  const el = h('section', { class: 'chart-card', 'data-series': series.id }, h('h2', {}, series.title), h('div', { class: 'chart-box' }, canvas), h('details', {}, h('summary', {}, 'Numbers'), table));
  // Drawn on the next frame, once the card is laid out; data-drawn tells readers (and tests) the chart exists.
  requestAnimationFrame(() => {
    drawChart(canvas, series);
    el.dataset.drawn = 'true';
  });
  return el;
}

/** Writes each value above its bar or point, so the chart reads without hovering. */
const valueLabels = (format: DashboardSeries['format']) => ({
  id: 'valueLabels',
  afterDatasetsDraw(chart: ChartLike) {
    const { ctx } = chart;
    const values = chart.data.datasets[0]?.data ?? [];
    const points = chart.getDatasetMeta(0).data;
    ctx.save();
    ctx.font = '10px sans-serif';
    ctx.fillStyle = '#333';
    ctx.textAlign = 'center';
    const step = Math.max(1, Math.ceil(points.length / 12));
    points.forEach((p, i) => {
      if (i % step === 0) ctx.fillText(formatValue(values[i]!, format), p.x, p.y - 4);
    });
    ctx.restore();
  },
});

function drawChart(canvas: HTMLCanvasElement, s: DashboardSeries): void {
  new Chart(canvas, {
    type: s.kind,
    data: { labels: s.labels, datasets: [{ label: s.yLabel, data: s.values, backgroundColor: '#4e79a7', borderColor: '#4e79a7', tension: 0.2 }] },
    plugins: [valueLabels(s.format)],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { top: 16 } },
      plugins: { legend: { display: false }, title: { display: false } },
      scales: {
        x: { title: { display: true, text: s.xLabel } },
        y: { title: { display: true, text: s.yLabel }, beginAtZero: true, ticks: { callback: (v: number) => formatValue(Number(v), s.format) } },
      },
    },
  });
}
