import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '@tsdbt/core';
import { ingestMemoryLimit, withIngestSettings } from '../src/destination/bounded-memory.js';
import { openDestination } from '../src/destination/destination.js';

const duck = (path: string, settings: Record<string, string> = {}) => ({ type: 'duckdb', name: 'dev', schema: 'main', threads: 1, path, settings }) as TargetConfig;
const settingsOf = (c: TargetConfig) => (c as TargetConfig & { settings: Record<string, string> }).settings;

describe('ingest DuckDB settings', () => {
  it('bounds the buffer pool of a database file; lets an in-database copy run in parallel', () => {
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb', { threads: '2' })))).toEqual({ memory_limit: '64MB', threads: '2' });
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb', { threads: '8' }), { parallelInsert: true }))).toEqual({ memory_limit: '256MB', threads: '8', preserve_insertion_order: 'false' });
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb'))).memory_limit).toMatch(/^\d+MB$/);
  });

  it('sizes the pool by threads, never below 64 MB', () => {
    expect([1, 2, 3, 16].map((t) => ingestMemoryLimit(t))).toEqual(['64MB', '64MB', '96MB', '512MB']);
    // Tables loading at once share the pool.
    expect(ingestMemoryLimit(2, 2)).toBe('128MB');
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb', { threads: '2' }), { parallelLoads: 3 })).memory_limit).toBe('192MB');
  });

  it("keeps the profile's own values, under either name", () => {
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb', { memory_limit: '2GB' }), { parallelInsert: true }))).toEqual({ memory_limit: '2GB', preserve_insertion_order: 'false' });
    expect(settingsOf(withIngestSettings(duck('/tmp/w.duckdb', { MAX_MEMORY: '1GB', threads: '4' }), { parallelInsert: true }))).toEqual({ MAX_MEMORY: '1GB', threads: '4', preserve_insertion_order: 'false' });
    const own = duck('/tmp/w.duckdb', { max_memory: '1GB', preserve_insertion_order: 'true' });
    expect(withIngestSettings(own, { parallelInsert: true })).toBe(own);
  });

  it('leaves in-memory databases and other adapters alone', () => {
    const memory = duck(':memory:');
    expect(withIngestSettings(memory)).toBe(memory);
    const snowflake = { type: 'snowflake', name: 'dev', schema: 'PUBLIC', threads: 1 } as TargetConfig;
    expect(withIngestSettings(snowflake, { parallelInsert: true })).toBe(snowflake);
  });
});

describe('the destination ingest opens', () => {
  it('runs DuckDB with the bounded pool (and the profile still wins)', async () => {
    const settingsOn = async (extra: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'tsdbt-ingest-mem-'));
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: p\nprofile: p\n');
      writeFileSync(join(dir, 'profiles.yml'), `p:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: ${join(dir, 'w.duckdb')}, schema: main${extra}}\n`);
      const dest = await openDestination({ projectDir: dir, schema: 'staging', parallelInsert: true });
      const conn = await dest.connect();
      try {
        const r = await conn.execute(`SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')`);
        return r.rows[0]!.map(String);
      } finally {
        await conn.close();
      }
    };
    const [limit, order] = await settingsOn('');
    expect(limit).toMatch(/^\d+(\.\d+)? MiB$/);
    expect(order).toBe('false');
    expect(await settingsOn(', settings: {memory_limit: 1GB, preserve_insertion_order: true}')).toEqual(['953.6 MiB', 'true']);
  });
});
