import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter, Connection, ManifestNode, RelationInfo, TargetConfig } from '@tsdbt/core';
import { NodeFiles } from '../src/artifacts/node-files.js';
import { ConnectionPool } from '../src/connection-pool.js';
import type { Project } from '../src/core-api.js';
import { RelationCache } from '../src/relation-cache.js';

/** A connection that records what it was asked, listing `tables` in every schema. */
function fakeConnection(tables: string[], calls: string[]): Connection {
  return {
    execute: async (sql) => (calls.push(`execute ${sql}`), { columns: [], rows: [], rowsAffected: 0 }),
    transaction: async (fn) => fn(fakeConnection(tables, calls)),
    getRelation: async () => undefined,
    getColumns: async () => [],
    listRelations: async (database, schema) => {
      calls.push(`list ${schema}`);
      return tables.map((identifier): RelationInfo => ({ database: database ?? 'db', schema, identifier, type: 'table' }));
    },
    cancel: async () => void calls.push('cancel'),
    close: async () => void calls.push('close'),
  };
}

describe('relation cache', () => {
  const rel = (identifier: string, schema = 'main') => ({ database: 'db', schema, identifier });

  it('lists a schema once, then answers and records from what it holds', async () => {
    const calls: string[] = [];
    const cache = new RelationCache();
    const conn = fakeConnection(['a'], calls);
    expect(await cache.get(conn, rel('A'))).toBe('table');
    expect(await cache.get(conn, rel('b'))).toBeUndefined();
    await cache.set(rel('b'), 'view');
    expect(await cache.get(conn, rel('B'))).toBe('view');
    await cache.set(rel('a'), undefined);
    expect(await cache.get(conn, rel('a'))).toBeUndefined();
    expect(calls).toEqual(['list main']);
  });

  it('records into a listing still on its way, and lists again after forget', async () => {
    const calls: string[] = [];
    const cache = new RelationCache();
    const conn = fakeConnection([], calls);
    const first = cache.get(conn, rel('x'));
    await cache.set(rel('x'), 'table');
    // The first get answered from the listing as it came; the set landed in that same listing.
    expect(await first).toBeUndefined();
    expect(await cache.get(conn, rel('x'))).toBe('table');
    await cache.forget(rel('x'));
    expect(await cache.get(conn, rel('x'))).toBeUndefined();
    expect(calls).toEqual(['list main', 'list main']);
  });

  it('a listing that fails is asked again by the next get', async () => {
    const cache = new RelationCache();
    let fail = true;
    const conn: Connection = { ...fakeConnection(['t'], []), listRelations: async (d, s) => {
      if (fail) throw new Error('catalog unavailable');
      return [{ database: d ?? 'db', schema: s, identifier: 't', type: 'view' }];
    } };
    await expect(cache.get(conn, rel('t'))).rejects.toThrow('catalog unavailable');
    fail = false;
    expect(await cache.get(conn, rel('t'))).toBe('view');
  });
});

describe('connection pool', () => {
  const target = { type: 'fake', name: 'dev', schema: 'main' } as TargetConfig;
  const adapterWith = (calls: string[]): Adapter => ({ connect: async () => (calls.push('connect'), fakeConnection([], calls)) }) as unknown as Adapter;

  it('hands the idle connection to the next caller, one connection for one thread', async () => {
    const calls: string[] = [];
    const pool = new ConnectionPool(adapterWith(calls), target);
    const seen = new Set<Connection>();
    for (let i = 0; i < 3; i++) await pool.with(async (c) => void seen.add(c));
    expect(seen.size).toBe(1);
    expect(calls).toEqual(['connect']);
  });

  it('after Ctrl-C an idle connection is interrupted before it is handed out', async () => {
    const calls: string[] = [];
    const pool = new ConnectionPool(adapterWith(calls), target);
    await pool.with(async () => undefined);
    await pool.cancelAll();
    await pool.with(async () => void calls.push('used'));
    expect(calls).toEqual(['connect', 'cancel', 'cancel', 'used']);
  });

  it('releases the connection when the work fails', async () => {
    const calls: string[] = [];
    const pool = new ConnectionPool(adapterWith(calls), target);
    await expect(pool.with(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await pool.with(async () => undefined);
    expect(calls).toEqual(['connect']);
  });
});

describe('node files', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  const model = (name: string): ManifestNode => ({
    unique_id: `model.p.${name}`, name, resource_type: 'model', package_name: 'p', path: `${name}.sql`,
    original_file_path: `models/${name}.sql`, depends_on: { nodes: [], macros: [] },
  }) as unknown as ManifestNode;

  it('writes the compiled and run files noted, with build_path, once finished', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-node-files-'));
    const project = { projectDir: dir, targetPath: join(dir, 'target'), manifest: { nodes: {} } } as unknown as Project;
    const files = new NodeFiles(project, 2);
    const a = model('a');
    const b = model('b');
    files.compiled(a, 'select 1');
    files.main(a, 'create view a as (select 1)');
    // b compiled but never ran its main statement (a test that stopped, say): its compiled file is still written.
    files.compiled(b, 'select 2');
    expect(await files.finish()).toBe(3);
    expect(readFileSync(join(dir, 'target/compiled/p/models/a.sql'), 'utf8')).toBe('select 1');
    expect(readFileSync(join(dir, 'target/run/p/models/a.sql'), 'utf8')).toBe('create view a as (select 1)');
    expect(readFileSync(join(dir, 'target/compiled/p/models/b.sql'), 'utf8')).toBe('select 2');
    expect(a.build_path).toBe(join('target', 'run', 'p', 'models', 'a.sql'));
    expect(b.build_path ?? null).toBeNull();
  });
});
