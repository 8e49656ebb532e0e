import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs } from '@tsdbt/docs';
import { syntheticManifest } from '../../bench/docs/synthetic-manifest.mjs';
import { chromiumPath, launchChromium, noChromiumReason } from './helpers/chromium.js';

/**
 * A 2,000-model project stays light in the page: lists render only visible rows, the graph shows a neighbourhood
 * by default and caps a large selection. (Load time is measured by bench/docs, not asserted here.)
 */
const dir = mkdtempSync(join(tmpdir(), 'tsdbt-docs-large-'));
let browser: Browser;
let page: Page;

describe.skipIf(!chromiumPath)(`a large manifest in Chromium${chromiumPath ? '' : ` (skipped: ${noChromiumReason})`}`, () => {
  beforeAll(async () => {
    const manifest = syntheticManifest(2000);
    // Lineage is covered elsewhere; without compiled SQL this fixture generates in a moment.
    for (const node of Object.values(manifest.nodes) as { compiled_code?: string }[]) delete node.compiled_code;
    // What docs generate passes for a project without the sales models: an empty dashboard, no reason given.
    await generateDocs({ targetDir: dir, manifest, dashboard: { series: [] } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no Dashboard tab for a project without the sales models', async () => {
    expect(await page.$$('#nav-graph')).toHaveLength(1);
    expect(await page.$$('#nav-dashboard')).toHaveLength(0);
  });

  it('renders only the visible rows of a long list', async () => {
    await page.fill('#search', 'model_');
    await page.waitForFunction(() => document.querySelector('#search-count')?.textContent === '500+ results');
    const rows = await page.$$eval('#side-list .row', (els) => els.length);
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(80);
    await page.$eval('#side-list', (el) => (el.scrollTop = 24 * 400));
    await page.waitForSelector('#side-list a[data-id="model.bench.model_00400"], #side-list a[data-id="model.bench.model_00401"]');
  });

  it('shows a neighbourhood by default and caps a selection of the whole project', async () => {
    await page.click('#nav-graph');
    await page.waitForSelector('#graph-svg .gnode');
    const shown = await page.$$eval('#graph-svg .gnode', (els) => els.length);
    expect(shown).toBeGreaterThan(1);
    expect(shown).toBeLessThan(100);
    await page.fill('#graph-select', 'resource_type:model');
    await page.click('text=Update graph');
    await page.waitForSelector('.graph-status .warning');
    await expect(page.locator('.graph-status').textContent()).resolves.toContain('2000 nodes selected; showing the first 400');
    expect(await page.$$eval('#graph-svg .gnode', (els) => els.length)).toBe(400);
  });
});
