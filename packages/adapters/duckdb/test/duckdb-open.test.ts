import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const driverLoaded = () => Object.keys(require.cache).some((k) => k.includes(`${'node_modules'}/@duckdb/node-api/`));

describe('opening a DuckDB target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-duckdb-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads @duckdb/node-api only when a connection opens, and creates the missing folder of the file', async () => {
    const { adapter } = await import('../src/index.js');
    // A fresh clone: neither target/ nor anything under it exists yet.
    const config = adapter.parseConfig({ type: 'duckdb', path: 'target/nested/dev.duckdb' }, 'dev', { projectDir: dir });
    adapter.createDialect(config);
    expect(driverLoaded()).toBe(false);
    expect(existsSync(join(dir, 'target'))).toBe(false);
    const conn = await adapter.connect(config);
    try {
      expect((await conn.execute('select 1 + 1 as two')).rows).toEqual([[2]]);
    } finally {
      await conn.close();
    }
    expect(existsSync(join(dir, 'target', 'nested', 'dev.duckdb'))).toBe(true);
    expect(driverLoaded()).toBe(true);
  });

  it('a path that cannot be created fails with TSDBT_CONNECTION_FAILED and no hint about another process', async () => {
    const { adapter } = await import('../src/index.js');
    // The parent "folder" is a file: nothing can be created under it.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const config = adapter.parseConfig({ type: 'duckdb', path: 'not-a-folder/sub/x.duckdb' }, 'dev', { projectDir: dir });
    const error = await adapter.connect(config).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'TSDBT_CONNECTION_FAILED' });
    const hint = (error as { diagnostics: { hint?: string }[] }).diagnostics[0]?.hint ?? '';
    expect(hint).toContain('can be created and written');
    expect(hint).not.toMatch(/another process/iu);
  });

  it("loads @duckdb/node-api through require in duckdb-api.ts only (an ESM import of it costs ~130 ms more)", () => {
    const src = new URL('../src/', import.meta.url);
    const valueImports = readdirSync(src)
      .filter((f) => f.endsWith('.ts') && f !== 'duckdb-api.ts')
      .filter((f) => /^import\s+(?!type\b)[^;]*from\s+'@duckdb\/node-api'/mu.test(readFileSync(new URL(f, src), 'utf8')));
    expect(valueImports).toEqual([]);
    expect(readFileSync(new URL('duckdb-api.ts', src), 'utf8')).toContain("createRequire(import.meta.url)('@duckdb/node-api')");
  });
});
