import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedFile } from '@tsdbt/sample-data';
import { landSource } from '../sales/sql-harness.js';
import { chromiumPath, launchChromium, noChromiumReason, screenshotPage } from './helpers/chromium.js';

/**
 * The sales project end to end: generated source rows landed in staging, `tsdbt build`, `tsdbt docs generate`,
 * then the site in Chromium shows what the warehouse holds. Screenshots go to test-results/docs/.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const shots = join(root, 'test-results', 'docs');
const work = mkdtempSync(join(tmpdir(), 'tsdbt-docs-e2e-'));
const project = join(work, 'project');
const FACT = 'model.sales_analytics.fact_sales';

function tsdbt(args: string[]) {
  // The project's default warehouse (data/sales_warehouse.duckdb), whatever the caller's environment says.
  const env = { ...process.env };
  delete env.SALES_WAREHOUSE_DB;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: work, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(project, 'data', 'sales_warehouse.duckdb'), { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(bin))('tsdbt docs on the sales project', () => {
  let first: ReturnType<typeof tsdbt>;
  let generated: ReturnType<typeof tsdbt>;

  beforeAll(async () => {
    cpSync(join(root, 'project'), project, { recursive: true, filter: (p) => !/[/\\](target|data|logs)$/.test(p) });
    mkdirSync(join(project, 'target'), { recursive: true });
    mkdirSync(join(project, 'data'), { recursive: true });
    await writeGeneratedFile(join(work, 'source.duckdb'), { scale: 0.01, seed: 42 });
    const instance = await DuckDBInstance.create(join(project, 'data', 'sales_warehouse.duckdb'));
    const conn = await instance.connect();
    await landSource(conn, join(work, 'source.duckdb'));
    conn.closeSync();
    instance.closeSync();
    first = tsdbt(['docs', 'generate', '--project-dir', project]);
    const build = tsdbt(['build', '--project-dir', project]);
    if (build.code !== 0) throw new Error(`tsdbt build failed:\n${build.stdout}\n${build.stderr}`);
    generated = tsdbt(['docs', 'generate', '--project-dir', project]);
  });

  it('before the build, generates the site and skips the dashboard with a note', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Dashboard skipped: analytics.sales_performance does not exist in the warehouse');
  });

  it('after the build, writes catalog.json (v1) with the warehouse columns and row counts', async () => {
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toContain(`Catalog written to ${join(project, 'target', 'catalog.json')}`);
    const catalog = JSON.parse(readFileSync(join(project, 'target', 'catalog.json'), 'utf8'));
    const [{ n }] = await query('select count(*)::int as n from analytics.fact_sales');
    expect(catalog.nodes[FACT].stats.row_count.value).toBe(n);
    expect(Object.keys(catalog.nodes[FACT].columns)).toContain('line_total');
    const manifest = JSON.parse(readFileSync(join(project, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.nodes[FACT].compiled_code).toContain('stg_sales_order_details');
  });

  it('fails with a coded error and no stack trace for a missing project, an ungenerated site and no action', () => {
    const missing = tsdbt(['docs', 'generate', '--project-dir', join(work, 'nope')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`error TSDBT_PROJECT_NOT_FOUND: No dbt_project.yml in ${join(work, 'nope')}`);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const serve = tsdbt(['docs', 'serve', '--project-dir', work, '--port', '0']);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('error TSDBT_DOCS_NOT_GENERATED');
    expect(serve.stderr).toContain('hint: Run tsdbt docs generate first.');
    expect(tsdbt(['docs']).code).toBe(2);
  });

  it('names a corrupt run_results.json instead of failing obscurely', () => {
    const copy = join(work, 'corrupt');
    cpSync(project, copy, { recursive: true });
    writeFileSync(join(copy, 'target', 'run_results.json'), '{"results": [');
    const r = tsdbt(['docs', 'generate', '--project-dir', copy, '--no-compile', '--empty-catalog']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error TSDBT_DOCS_ARTIFACT_INVALID: ${join(copy, 'target', 'run_results.json')} is not valid JSON`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('docs serve listens on --host/--port, serves the site and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [bin, 'docs', 'serve', '--project-dir', project, '--port', '0', '--host', '127.0.0.1'], { cwd: work });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Serving docs at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]!);
      });
      child.on('exit', () => fail(new Error(`docs serve exited: ${out}`)));
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<script src="assets/data.js"></script>');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  describe.skipIf(!chromiumPath)(`in Chromium${chromiumPath ? '' : ` (skipped: ${noChromiumReason})`}`, () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(join(project, 'target', 'index.html')).href);
      await page.waitForSelector('body[data-ready="true"]');
    });
    afterAll(() => browser?.close());

    it('search finds fact_sales; its page shows columns with types and lineage; the graph shows its parents', async () => {
      await page.fill('#search', 'fact_sales');
      await page.click(`#side-list a[data-id="${FACT}"]`);
      await page.waitForSelector(`article[data-node="${FACT}"][data-loaded="true"]`);
      await expect(page.locator('tr[data-column="line_total"]').textContent()).resolves.toMatch(/line_total.*direct.*stg_sales_order_details\.line_total/);
      // The last run comes from the run_results.json that tsdbt build wrote.
      await expect(page.locator('[data-detail="Last run"]').textContent()).resolves.toMatch(/^success · .* UTC · /);
      await screenshotPage(page, join(shots, 'e2e-fact_sales.png'));
      await page.click('a.button:has-text("View lineage graph")');
      await page.waitForSelector('#graph-svg .gnode');
      const ids = await page.$$eval('#graph-svg .gnode', (els) => els.map((e) => e.getAttribute('data-id')));
      expect(ids).toEqual(expect.arrayContaining(['model.sales_analytics.stg_sales_orders', 'model.sales_analytics.stg_sales_order_details']));
      await page.screenshot({ path: join(shots, 'e2e-graph.png') });
    });

    it("the dashboard shows the warehouse's numbers", async () => {
      await page.click('#nav-dashboard');
      await page.waitForFunction(() => document.querySelectorAll('.chart-card[data-drawn="true"]').length === 6);
      const shown = await page.$$eval('.chart-card', (cards) => Object.fromEntries(cards.map((card) => {
        const chart = (window as unknown as { Chart: { getChart(c: Element): { data: { labels: string[]; datasets: { data: number[] }[] } } } }).Chart.getChart(card.querySelector('canvas')!)!;
        return [card.getAttribute('data-series'), { labels: chart.data.labels, values: chart.data.datasets[0]!.data }];
      })));
      const customers = await query('select full_name, lifetime_value::double as v from analytics.customer_analysis order by lifetime_value desc, customer_id limit 10');
      expect(shown.top_customers).toEqual({ labels: customers.map((r) => r.full_name), values: customers.map((r) => r.v) });
      const months = await query('select sum(net_revenue)::double as v from analytics.sales_performance group by order_month order by order_month');
      expect(shown.revenue_by_month!.values).toEqual(months.map((r) => r.v));
      const bands = await query('select discount_band, net_revenue::double as v from analytics.discount_impact');
      for (const b of bands) expect(shown.discount_bands!.values[shown.discount_bands!.labels.indexOf(b.discount_band as string)]).toBe(b.v);
      await screenshotPage(page, join(shots, 'e2e-dashboard.png'));
    });
  });
});
