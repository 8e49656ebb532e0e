import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapter } from '@tsdbt/adapter-duckdb';
import type { Connection, ManifestNode, NodeConfig, TargetConfig } from '@tsdbt/core';
import { RelationCache } from '../src/relation-cache.js';
import { SchemaCache } from '../src/schema-cache.js';
import type { NodeContext } from '../src/types.js';

/** A real DuckDB database in a temp folder, and NodeContexts over it whose SQL is given (no compiler needed). */
export async function duckDbHarness() {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-runner-'));
  const target = adapter.parseConfig({ type: 'duckdb', path: 'dev.duckdb' }, 'dev', { projectDir: dir }) as TargetConfig;
  const conn: Connection = await adapter.connect(target);
  const dialect = adapter.createDialect(target);
  const schemas = new SchemaCache(dialect);
  const node = (name: string, config: Partial<NodeConfig>, extra: Partial<ManifestNode> = {}): ManifestNode =>
    ({
      unique_id: `model.p.${name}`, resource_type: 'model', name, alias: name, schema: 'main', database: target.database, package_name: 'p',
      original_file_path: `models/${name}.sql`, depends_on: { nodes: [], macros: [] },
      config: { enabled: true, materialized: 'table', tags: [], meta: {}, pre_hook: [], post_hook: [], quoting: {}, persist_docs: {}, ...config },
      ...extra,
    }) as unknown as ManifestNode;
  const ctx = (n: ManifestNode, sql: string | ((incremental: boolean) => string), options: { fullRefresh?: boolean; empty?: boolean } = {}): NodeContext => ({
    conn, dialect, target, node: n, projectDir: dir, fullRefresh: !!options.fullRefresh, empty: !!options.empty,
    compile: async (o) => (typeof sql === 'function' ? sql(!!o?.isIncremental) : sql),
    render: async (s) => s,
    ensureSchema: (db, schema) => schemas.ensure(conn, db, schema),
    // A fresh cache per node, so tests that change the database behind the runner's back still see it.
    relations: new RelationCache(),
  });
  const rows = async (sql: string) => (await conn.execute(sql)).rows;
  const close = async () => {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, target, conn, dialect, node, ctx, rows, close };
}
