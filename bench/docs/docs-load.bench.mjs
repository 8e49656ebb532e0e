// Measures the docs site of a synthetic N-model manifest (default 10,000) in headless Chromium:
//   generate   Node: artifacts → site (column lineage of every model included), cold and with the lineage cache
//   ready      browser: navigation start → page built (performance.now() recorded by the site)
//   search     browser: one keystroke in the search box → results rendered
//   graph      browser: open the lineage graph of a model's neighbourhood → nodes drawn
// Usage: npm run build && node bench/docs/docs-load.bench.mjs [models=10000] [runs=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generateDocs } from '../../packages/docs/dist/index.js';
import { syntheticManifest } from './synthetic-manifest.mjs';

const models = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'tsdbt-docs-bench-'));

const manifest = syntheticManifest(models);
let t0 = performance.now();
const generated = await generateDocs({ targetDir: dir, manifest });
const generateMs = performance.now() - t0;
// Again with the lineage cache the first run left in target/: nothing changed, so no SQL is parsed.
t0 = performance.now();
await generateDocs({ targetDir: dir, manifest });
const regenerateMs = performance.now() - t0;

const browser = await chromium.launch({
  executablePath: process.env.TSDBT_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const url = pathToFileURL(join(dir, 'index.html')).href;
const ready = [], search = [], graph = [], total = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const readyMs = Number(await page.getAttribute('body', 'data-ready-ms'));
  // One keystroke and its rendered results, timed inside the page so process overhead is not counted.
  const searchMs = await page.evaluate(() => new Promise((done) => {
    const input = document.querySelector('#search');
    const start = performance.now();
    input.value = 'model_0999';
    input.dispatchEvent(new Event('input'));
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
  }));
  const found = await page.$$eval('#side-list a[data-id]', (els) => els.length);
  if (found === 0) throw new Error('search rendered no results');
  const graphMs = await page.evaluate(() => new Promise((done) => {
    const start = performance.now();
    location.hash = '#!/graph?select=' + encodeURIComponent('2+model_05000+2');
    const check = () => (document.querySelector('#graph-svg .gnode') ? done(performance.now() - start) : requestAnimationFrame(check));
    check();
  }));
  ready.push(readyMs);
  search.push(searchMs);
  graph.push(graphMs);
  total.push(readyMs + searchMs);
  await context.close();
}
await browser.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (xs) => `median ${Math.round(median(xs))} ms (runs: ${xs.map(Math.round).join(', ')})`;
console.log(`docs site, ${models} models (+${models} tests, ${Object.keys(manifest.sources).length} sources), data.js ${(generated.dataBytes / 1e6).toFixed(1)} MB`);
console.log(`generate (Node, incl. column lineage): ${Math.round(generateMs)} ms; again with the lineage cache: ${Math.round(regenerateMs)} ms`);
console.log(`load → ready:          ${fmt(ready)}`);
console.log(`first search:          ${fmt(search)}`);
console.log(`load → ready + search: ${fmt(total)}`);
console.log(`open neighbourhood graph: ${fmt(graph)}`);
