import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPayload, generateDocs, serveDocs, type SiteDetails, type SitePayload } from '../src/index.js';
import { SearchIndex } from '../src/site/search.js';
import { salesManifest } from './fixtures/sales-manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdbt-docs-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readPayload(targetDir: string): SitePayload {
  const sandbox: { window: { __TSDBT__?: SitePayload } } = { window: {} };
  runInNewContext(readFileSync(join(targetDir, 'assets', 'data.js'), 'utf8'), sandbox);
  return sandbox.window.__TSDBT__!;
}

function readDetails(targetDir: string, chunk: number): Record<string, SiteDetails> {
  let out: Record<string, SiteDetails> = {};
  const window = { __TSDBT_DETAILS__: (n: number, data: Record<string, SiteDetails>) => (out = n === chunk ? data : {}) };
  runInNewContext(readFileSync(join(targetDir, 'assets', 'details', `${chunk}.js`), 'utf8'), { window });
  return out;
}

describe('generateDocs', () => {
  it('writes index.html with the data embedded as a script and the libraries bundled, no fetch, no CDN', async () => {
    const result = await generateDocs({
      targetDir: dir, manifest: salesManifest(),
      runResults: { metadata: { generated_at: '2026-11-25T12:00:00Z' }, results: [{ unique_id: 'model.sales_analytics.fact_sales', status: 'success', execution_time: 1.25, timing: [{ name: 'execute', completed_at: '2026-11-25T11:59:58Z' }] }] },
    });
    const html = readFileSync(result.indexPath, 'utf8');
    expect(html).toContain('<script src="assets/data.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const app = readFileSync(join(dir, 'assets', 'app.js'), 'utf8');
    expect(app).not.toMatch(/\bfetch\(/);
    expect(readFileSync(join(dir, 'assets', 'chart.umd.min.js'), 'utf8')).toContain('Chart.js');
    const payload = readPayload(dir);
    expect(payload.overview).toContain('# Sales analytics');
    const factNode = payload.nodes.find((n) => n.name === 'fact_sales')!;
    expect(factNode.columns.map((c) => c.name)).toContain('returned_qty');
    const fact = readDetails(dir, factNode.detailChunk)[factNode.id]!;
    expect(fact.relation).toBe('"warehouse"."analytics"."fact_sales"');
    expect(fact.run).toEqual({ status: 'success', executionTime: 1.25, completedAt: '2026-11-25T11:59:58Z', message: null });
    expect(fact.columns.find((c) => c.name === 'sales_order_detail_id')!.tests).toEqual(['unique', 'not_null']);
    expect(fact.columns.find((c) => c.name === 'line_total')!.lineage).toMatchObject({ kind: 'direct' });
    expect(factNode.children).toContain('model.sales_analytics.sales_performance');
    expect(payload.nodes.find((n) => n.type === 'exposure')!.parents).toHaveLength(2);
  });

  it('shows source freshness from sources.json as the source\'s last run', () => {
    const id = 'source.sales_analytics.adventureworks.customer';
    const { payload, chunks } = buildPayload({
      manifest: salesManifest(),
      sources: { metadata: { generated_at: '2026-11-25T10:00:00Z' }, results: [{ unique_id: id, status: 'warn', snapshotted_at: '2026-11-25T09:59:00Z' }] },
    });
    const node = payload.nodes.find((n) => n.id === id)!;
    expect(chunks[node.detailChunk]![id]!.run).toEqual({ status: 'freshness: warn', executionTime: 0, completedAt: '2026-11-25T09:59:00Z' });
  });

  it('links exposures under their parents even when child_map leaves them out', () => {
    const manifest = salesManifest();
    const id = 'model.sales_analytics.sales_performance';
    manifest.child_map[id] = manifest.child_map[id]!.filter((c) => !c.startsWith('exposure.'));
    const node = buildPayload({ manifest }).payload.nodes.find((n) => n.id === id)!;
    expect(node.children).toContain('exposure.sales_analytics.sales_dashboard');
  });

  it('search ranks name matches over column and description matches', () => {
    const index = new SearchIndex(readPayload(dir).nodes);
    const hits = index.search('fact_sales');
    expect(hits[0]).toMatchObject({ id: 'model.sales_analytics.fact_sales', where: 'name' });
    // Among equal matches, resources come before the tests named after them (ties sort by id).
    const types = index.search('sales_order').filter((h) => h.where === 'name').map((h) => h.id.split('.')[0]);
    expect(types.lastIndexOf('model')).toBeLessThan(types.indexOf('test'));
    expect(types).toContain('test');
    expect(index.search('returned_qty').map((h) => h.id)).toContain('model.sales_analytics.fact_sales');
    expect(index.search('proportion')[0]).toMatchObject({ id: 'model.sales_analytics.fact_sales', where: 'description' });
    expect(index.search('no-such-thing')).toEqual([]);
  });

  it('serves the site read-only and refuses paths outside it', async () => {
    const server = await serveDocs({ targetDir: dir, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(server.url);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect((await fetch(`${server.url}assets/data.js`)).status).toBe(200);
      expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('reports a port in use with a coded error and a hint', async () => {
    const first = await serveDocs({ targetDir: dir, port: 0 });
    try {
      await expect(serveDocs({ targetDir: dir, port: first.port })).rejects.toMatchObject({
        code: 'TSDBT_DOCS_SERVE_FAILED', message: expect.stringContaining('EADDRINUSE'), diagnostics: [expect.objectContaining({ hint: 'Pick another port with --port.' })],
      });
    } finally {
      await first.close();
    }
  });

  it('refuses to serve a folder without a generated site, with a coded error', async () => {
    await expect(serveDocs({ targetDir: join(dir, 'nothing'), port: 0 })).rejects.toMatchObject({ code: 'TSDBT_DOCS_NOT_GENERATED' });
  });
});
