import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirs, type Manifest } from '@tsdbt/core';
import type { Catalog, RunResults, SourcesArtifact } from './artifacts.js';
import { buildPayload } from './build-payload.js';
import type { LineageCache } from './lineage/project-lineage.js';
import type { ColumnLineage } from './lineage/types.js';
import type { DashboardData } from './site-payload.js';
import { libraryAssets, siteScript } from './site-assets.js';

export interface GenerateDocsOptions {
  /** The project's target folder: index.html goes here, the rest under `assets/`. */
  targetDir: string;
  manifest: Manifest;
  catalog?: Catalog;
  runResults?: RunResults;
  sources?: SourcesArtifact;
  dashboard?: DashboardData;
}

/** Where generateDocs keeps column lineage between runs (dbt keeps its partial parse in target/ too). */
export const LINEAGE_CACHE_FILE = 'docs_lineage_cache.json';

export interface GeneratedDocs {
  indexPath: string;
  /** Bytes of the embedded data file. */
  dataBytes: number;
  nodeCount: number;
}

/**
 * Writes the static docs site: a pure function of the artifacts. The data is embedded as a script (not fetched),
 * so `index.html` opens straight from the file system as well as from `tsdbt docs serve`.
 */
export async function generateDocs(options: GenerateDocsOptions): Promise<GeneratedDocs> {
  const assetsDir = join(options.targetDir, 'assets');
  makeDirs(assetsDir);
  const cachePath = join(options.targetDir, LINEAGE_CACHE_FILE);
  const lineageCache = await readCache(cachePath);
  const { payload, chunks } = buildPayload({ ...options, lineageCache });
  await writeFile(cachePath, JSON.stringify(Object.fromEntries(lineageCache)));
  for (const asset of libraryAssets()) await copyFile(asset.path, join(assetsDir, asset.name));
  await writeFile(join(assetsDir, 'app.js'), siteScript());
  // JSON.parse of a string literal parses faster than the same data as a JS object literal.
  const json = JSON.stringify(payload);
  const data = `window.__TSDBT__ = JSON.parse(${scriptString(json)});\n`;
  await writeFile(join(assetsDir, 'data.js'), data);
  // Code, column details and lineage load per page from small scripts (not fetch: the site must open from file://).
  const detailsDir = join(assetsDir, 'details');
  await rm(detailsDir, { recursive: true, force: true });
  makeDirs(detailsDir);
  for (const [n, chunk] of chunks.entries()) {
    await writeFile(join(detailsDir, `${n}.js`), `window.__TSDBT_DETAILS__(${n}, JSON.parse(${scriptString(JSON.stringify(chunk))}));\n`);
  }
  const indexPath = join(options.targetDir, 'index.html');
  await writeFile(indexPath, indexHtml(payload.project.name));
  return { indexPath, dataBytes: Buffer.byteLength(data), nodeCount: payload.nodes.length };
}

async function readCache(path: string): Promise<LineageCache> {
  try {
    return new Map(Object.entries(JSON.parse(await readFile(path, 'utf8')) as Record<string, ColumnLineage[]>));
  } catch {
    // Missing or unreadable: start empty; it is only a cache.
    return new Map();
  }
}

/** A JS string literal of `text`, safe inside a script file. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

function indexHtml(projectName: string): string {
  const title = projectName.replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · tsdbt docs</title>
<link rel="stylesheet" href="assets/style.css">
</head>
<body>
<script src="assets/data.js"></script>
<script src="assets/chart.umd.min.js"></script>
<script src="assets/dagre.min.js"></script>
<script src="assets/app.js"></script>
</body>
</html>
`;
}
