import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNode, renderSql, writeManifest } from '@tsdbt/core';
import { fixture, parseFixture } from './helpers.js';

describe('target/manifest.json', () => {
  it("has dbt's v12 shape: keyed nodes with the fields dbt tools read, sources, macros, docs, maps", async () => {
    const project = await parseFixture('core_basic', { profilesDir: fixture('core_basic') });
    const m = JSON.parse(readFileSync(await writeManifest(project), 'utf8'));
    expect(m.metadata).toMatchObject({ dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'core_basic', adapter_type: 'duckdb' });
    for (const key of ['nodes', 'sources', 'macros', 'docs', 'exposures', 'metrics', 'groups', 'selectors', 'disabled', 'parent_map', 'child_map', 'group_map', 'saved_queries', 'semantic_models', 'unit_tests'])
      expect(m).toHaveProperty(key);
    const node = m.nodes['model.core_basic.stg_orders'];
    for (const key of ['unique_id', 'fqn', 'raw_code', 'depends_on', 'refs', 'sources', 'config', 'columns', 'description', 'tags', 'original_file_path', 'path', 'resource_type', 'package_name', 'database', 'schema', 'alias', 'relation_name', 'checksum'])
      expect(node).toHaveProperty(key);
    expect(node.fqn).toEqual(['core_basic', 'staging', 'stg_orders']);
    expect(node.path).toBe('staging/stg_orders.sql');
    expect(node.original_file_path).toBe('models/staging/stg_orders.sql');
    expect(node.refs).toEqual([{ name: 'raw_orders', package: null, version: null }]);
    expect(node.relation_name).toBe('"memory"."main"."stg_orders"');
    expect(m.macros['macro.dbt.generate_schema_name']).toMatchObject({ package_name: 'dbt', resource_type: 'macro' });
    expect(m.docs['doc.core_basic.stg_orders'].block_contents).toBe('Orders, one row per order, cleaned.');
    expect(m.parent_map['model.core_basic.orders']).toEqual(['model.core_basic.stg_customers', 'model.core_basic.stg_orders']);
    expect(m.nodes['model.core_basic.stg_customers'].relation_name).toBeNull();
    const rel = Object.values(m.nodes).find((n: any) => n.name?.startsWith('relationships_')) as any;
    expect(rel.config.severity).toBe('WARN');
    // A generic test's config has exactly dbt's TestConfig keys, in dbt's order (no hooks, quoting or persist_docs).
    const unique = Object.values(m.nodes).find((n: any) => n.name?.startsWith('unique_')) as any;
    expect(Object.keys(unique.config)).toEqual([
      'enabled', 'alias', 'schema', 'database', 'tags', 'meta', 'group', 'materialized', 'severity', 'store_failures',
      'store_failures_as', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if',
    ]);
    expect(Object.keys(node.config)).toEqual(expect.arrayContaining(['pre_hook', 'post_hook', 'pre-hook', 'post-hook', 'quoting', 'persist_docs']));
  });

  it('keeps profile secrets out of the manifest and the template context', async () => {
    process.env.DBT_ENV_SECRET_SF_PASSWORD = 'hunter2-very-secret';
    try {
      const project = await parseFixture('core_secret');
      expect(await renderSql(project, '{{ target.password }}', { execute: false })).not.toContain('hunter2');
      const sql = await compileNode(project, 'model.core_secret.m', { execute: false });
      expect(sql).toContain("'sf' as t");
      const text = readFileSync(await writeManifest(project), 'utf8');
      expect(text).not.toContain('hunter2-very-secret');
      expect(JSON.parse(text).metadata.adapter_type).toBe('snowflake');
    } finally {
      delete process.env.DBT_ENV_SECRET_SF_PASSWORD;
    }
  });
});
