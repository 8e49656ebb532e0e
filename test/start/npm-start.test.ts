/**
 * `npm start` as a fresh clone runs it: scripts/start.mjs on a copy of the project with no data/, target/ or logs/,
 * at the default scale (a tiny scale once hid an ingest that ran out of memory at the real one), then once more, as a
 * user re-running it does (merge loads into existing tables). Needs the build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const built = existsSync(join(ROOT, 'packages/cli/dist/bin.js')) && existsSync(join(ROOT, 'packages/sample-data/dist/bin.js'));
const work = mkdtempSync(join(tmpdir(), 'tsdbt-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!built)('npm start on a fresh copy of the project', () => {
  it('generates, ingests, builds, documents and prints the six answers', () => {
    const project = join(work, 'project');
    cpSync(join(ROOT, 'project'), project, { recursive: true, filter: (src) => !/[/\\](target|data|logs)$/.test(src) });
    const env = { ...process.env };
    delete env.SALES_SOURCE_DB;
    delete env.SALES_WAREHOUSE_DB;
    const start = () => spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--project-dir', project], { encoding: 'utf8', env, cwd: ROOT });
    for (const round of ['first', 'again']) {
      const run = start();
      const output = run.stdout + run.stderr;
      expect(run.status, `${round}: ${output}`).toBe(0);
      expect(output).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
      for (const heading of ['1. Top 10 customers', '2. Top 10 states', '3. Top 10 products by net revenue', '4. Net revenue by month', '5. Top 10 products by return rate', '6. Discount bands'])
        expect(output).toContain(heading);
      expect(existsSync(join(project, 'target', 'index.html'))).toBe(true);
      expect(existsSync(join(project, 'data', 'adventureworks.duckdb'))).toBe(true);
    }
  }, 240_000);
});
