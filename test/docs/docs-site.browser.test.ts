import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs, readCatalog, readDashboard, serveDocs, type DashboardData } from '@tsdbt/docs';
import { salesManifest } from '../../packages/docs/test/fixtures/sales-manifest.js';
import { chromiumPath, launchChromium, noChromiumReason, screenshotPage } from './helpers/chromium.js';
import { salesWarehouse } from './helpers/sales-warehouse.js';

/**
 * The generated site in headless Chromium, opened from the file system: the fixture sales manifest, with the
 * catalog and the dashboard read from a real DuckDB warehouse. Screenshots go to test-results/docs/.
 */
const shots = join(process.cwd(), 'test-results', 'docs');
const dir = mkdtempSync(join(tmpdir(), 'tsdbt-docs-site-'));
const FACT = 'model.sales_analytics.fact_sales';
let browser: Browser;
let page: Page;
let dashboard: DashboardData;
const errors: string[] = [];

describe.skipIf(!chromiumPath)(`docs site in Chromium${chromiumPath ? '' : ` (skipped: ${noChromiumReason})`}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const manifest = salesManifest();
    const { conn, dialect } = await salesWarehouse(dir);
    const catalog = await readCatalog(conn, dialect, manifest);
    dashboard = await readDashboard(conn, dialect, manifest);
    await conn.close();
    await generateDocs({ targetDir: join(dir, 'target'), manifest, catalog, dashboard });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'target', 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens from the file system with the overview and no script errors', async () => {
    await expect(page.textContent('main')).resolves.toContain('Sales analytics');
    await page.screenshot({ path: join(shots, 'overview.png') });
    expect(errors).toEqual([]);
  });

  it('the tree groups by folder and by database, and every kind of resource has a page', async () => {
    await expect(page.locator('#side-list').textContent()).resolves.toMatch(/sales_analytics.*models.*marts/);
    await page.click('button[data-tab="database"]');
    await expect(page.locator('#side-list').textContent()).resolves.toMatch(/warehouse.*analytics.*staging/);
    await page.click('#side-list .folder:has-text("analytics")');
    await page.waitForSelector(`#side-list a[data-id="${FACT}"]`);
    await page.click('button[data-tab="project"]');
    for (const id of ['seed.sales_analytics.country_codes', 'snapshot.sales_analytics.customers_snapshot', 'source.sales_analytics.adventureworks.customer',
      'exposure.sales_analytics.sales_dashboard', 'test.sales_analytics.unique_fact_sales_sales_order_detail_id']) {
      await page.goto(`${pathToFileURL(join(dir, 'target', 'index.html')).href}#!/node/${encodeURIComponent(id)}`);
      await page.waitForSelector(`article[data-node="${id}"][data-loaded="true"]`);
    }
    await expect(page.locator('[data-detail="Tests"]').textContent()).resolves.toBe('fact_sales.sales_order_detail_id');
    await page.goto(pathToFileURL(join(dir, 'target', 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
    expect(errors).toEqual([]);
  });

  it('search finds fact_sales and opens its page with columns, types, tests and lineage', async () => {
    await page.fill('#search', 'fact_sales');
    const hit = page.locator(`#side-list a[data-id="${FACT}"]`);
    await hit.waitFor();
    expect(await page.textContent('#search-count')).toMatch(/^\d+ results$/);
    await hit.click();
    await page.waitForSelector(`article[data-node="${FACT}"]`);
    const row = page.locator('tr[data-column="line_total"]');
    await expect(row.textContent()).resolves.toMatch(/line_total.*Net amount of the line.*direct.*stg_sales_order_details\.line_total/);
    await expect(page.locator('tr[data-column="order_qty"] td').nth(1).textContent()).resolves.toBe('SMALLINT');
    await expect(page.locator('tr[data-column="sales_order_detail_id"]').textContent()).resolves.toContain('unique, not_null');
    await expect(page.locator('[data-detail="Rows"]').textContent()).resolves.toBe('2');
    await expect(page.locator('.compiled-code').textContent()).resolves.toContain('"warehouse"."staging"."stg_sales_order_details"');
    await screenshotPage(page, join(shots, 'fact_sales.png'));
  });

  it('the graph shows the parents of fact_sales and a click opens a parent', async () => {
    await page.click('a.button:has-text("View lineage graph")');
    await page.waitForSelector('#graph-svg .gnode');
    const ids = await page.$$eval('#graph-svg .gnode', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toEqual(expect.arrayContaining([FACT, 'model.sales_analytics.stg_sales_orders', 'model.sales_analytics.stg_sales_order_details', 'source.sales_analytics.adventureworks.sales_order_return']));
    expect(await page.locator(`path.edge[data-from="model.sales_analytics.stg_sales_orders"][data-to="${FACT}"]`).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'graph.png') });
    const transform = () => page.$eval('#graph-svg > g', (g) => g.getAttribute('transform'));
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await transform()) ?? '')![1]);
    const before = await scale();
    const box = (await page.locator('#graph-svg').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    expect(await scale()).toBeGreaterThan(before);
    const zoomed = await transform();
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 80, { steps: 5 });
    await page.mouse.up();
    expect(await transform()).not.toBe(zoomed);
    await page.click('#graph-svg .gnode[data-id="model.sales_analytics.stg_sales_orders"]');
    await page.waitForSelector('article[data-node="model.sales_analytics.stg_sales_orders"]');
  });

  it('the selection box applies dbt grammar and reports a bad selector', async () => {
    await page.goto(pathToFileURL(join(dir, 'target', 'index.html')).href + '#!/graph');
    await page.fill('#graph-select', 'tag:daily,config.materialized:view');
    await page.click('text=Update graph');
    await page.waitForFunction(() => document.querySelectorAll('#graph-svg .gnode').length === 3);
    await page.fill('#graph-select', 'colour:red');
    await page.click('text=Update graph');
    await expect(page.locator('.graph-status .error').textContent()).resolves.toBe('unknown selection method "colour"');
  });

  it('tracing a column highlights the upstream columns in the graph', async () => {
    await page.goto(pathToFileURL(join(dir, 'target', 'index.html')).href + `#!/node/${encodeURIComponent(FACT)}`);
    await page.click('tr[data-column="line_total"] a.trace');
    await page.waitForSelector('#graph-svg .gnode.traced');
    const traced = await page.$$eval('#graph-svg .gnode.traced', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-id'), e.querySelector('.traced-columns')?.textContent])));
    expect(traced).toEqual({
      [FACT]: 'line_total',
      'model.sales_analytics.stg_sales_order_details': 'line_total',
      'source.sales_analytics.adventureworks.sales_order_detail': 'unit_price, order_qty, unit_price_discount',
    });
    await page.screenshot({ path: join(shots, 'column-trace.png') });
  });

  it("the dashboard draws six charts with the warehouse's numbers, axes labelled", async () => {
    await page.click('#nav-dashboard');
    await page.waitForSelector('.chart-card canvas');
    await page.waitForFunction(() => document.querySelectorAll('.chart-card canvas').length === 6 && [...document.querySelectorAll('canvas')].every((c) => (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): unknown } }).Chart.getChart(c as HTMLCanvasElement)));
    const charts = await page.$$eval('.chart-card', (cards) => cards.map((card) => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { config: { type: string }; data: { labels: string[]; datasets: { data: number[] }[] }; options: { scales: { x: { title: { text: string } }; y: { title: { text: string } } } } } } }).Chart.getChart(card.querySelector('canvas')!)!;
      return { id: card.getAttribute('data-series'), type: chart.config.type, labels: chart.data.labels, values: chart.data.datasets[0]!.data, x: chart.options.scales.x.title.text, y: chart.options.scales.y.title.text };
    }));
    expect(charts.map((c) => c.id)).toEqual(['revenue_by_month', 'top_customers', 'customers_by_state', 'top_products', 'return_rates', 'discount_bands']);
    expect(charts[0]).toEqual({ id: 'revenue_by_month', type: 'line', labels: ['2013-01', '2013-02', '2013-03'], values: [1200.5, 3400, 2100.25], x: 'Month', y: 'Net revenue (USD)' });
    expect(charts[1]).toMatchObject({ type: 'bar', labels: ['Ann Lee', 'Cy Diaz', 'Bo Chan'], values: [900, 800, 700] });
    expect(charts[4]).toMatchObject({ labels: ['Helmet', 'Glove', 'Road Bike'], values: [0.25, 0.1, 0.05], y: 'Return rate' });
    for (const c of charts) expect(c.values).toEqual(dashboard.series.find((s) => s.id === c.id)!.values);
    await page.locator('.chart-card[data-series="return_rates"] summary').click();
    await expect(page.locator('.chart-card[data-series="return_rates"] table').textContent()).resolves.toContain('Helmet25.0%');
    await screenshotPage(page, join(shots, 'dashboard.png'));
    expect(errors).toEqual([]);
  });

  it('works the same from tsdbt docs serve', async () => {
    const server = await serveDocs({ targetDir: join(dir, 'target'), port: 0 });
    try {
      const p = await browser.newPage();
      await p.goto(`${server.url}#!/node/${encodeURIComponent(FACT)}`);
      await p.waitForSelector('tr[data-column="line_total"]');
      await p.close();
    } finally {
      await server.close();
    }
  });
});
