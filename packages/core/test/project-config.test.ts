import { describe, expect, it } from 'vitest';
import { cleanProject, injectCtes, isTsdbtError } from '@tsdbt/core';
import { genericTestNames } from '../src/properties/generic-test-name.js';
import { treeConfig } from '../src/config/config-tree.js';
import { fixture, parseFixture, sharedProfiles, tempTarget } from './helpers.js';

describe('dbt_project.yml', () => {
  it('applies paths, config trees with + and plain keys by folder, rendered Jinja, hooks, quoting', async () => {
    const p = await parseFixture('core_project_keys');
    const n = p.manifest.nodes;
    expect(p.config.modelPaths).toEqual(['transform']);
    expect(p.config.onRunStart).toEqual(['create schema if not exists {{ target.schema }}']);
    expect(p.config.onRunEnd).toEqual(['select 1']);
    expect(n['model.core_project_keys.base']!.config.materialized).toBe('table');
    expect(n['model.core_project_keys.m']!.config.materialized).toBe('view');
    expect(n['model.core_project_keys.f']!.schema).toBe('main_finance');
    expect(n['model.core_project_keys.f']!.config.post_hook).toEqual([{ sql: 'grant select on {{ this }} to role reporter', transaction: true, index: 0 }]);
    expect(n['model.core_project_keys.base']!.relation_name).toBe('"memory"."main".base');
  });

  it('warns about unknown keys and require-dbt-version instead of failing', async () => {
    const p = await parseFixture('core_project_keys');
    expect(p.diagnostics.map((d) => d.code).sort()).toEqual(['TSDBT_DBT_VERSION_IGNORED', 'TSDBT_UNKNOWN_CONFIG_KEY']);
    expect(p.diagnostics.find((d) => d.code === 'TSDBT_UNKNOWN_CONFIG_KEY')!.message).toContain('made-up-key');
  });

  it('a rendered enabled: false moves the folder models to disabled', async () => {
    const p = await parseFixture('core_project_keys', { vars: { enable_finance: false } });
    expect(p.manifest.nodes['model.core_project_keys.f']).toBeUndefined();
    expect(p.manifest.disabled['model.core_project_keys.f']).toBeDefined();
  });

  it('clean refuses a clean-target outside the project', () => {
    try {
      cleanProject({ projectDir: fixture('core_project_keys') });
      expect.unreachable();
    } catch (e) {
      expect(isTsdbtError(e) && e.code).toBe('TSDBT_CLEAN_OUTSIDE_PROJECT');
    }
  });

  it('finds profiles.yml through DBT_PROFILES_DIR', async () => {
    process.env.DBT_PROFILES_DIR = sharedProfiles;
    try {
      const { parseProject } = await import('@tsdbt/core');
      const p = await parseProject({ projectDir: fixture('core_project_keys'), targetPath: tempTarget() });
      expect(p.target.name).toBe('dev');
    } finally {
      delete process.env.DBT_PROFILES_DIR;
    }
  });
});

describe('pure pieces', () => {
  it('config trees: deeper folders win, plain keys are config unless they are folders', () => {
    const tree = { '+materialized': 'view', pkg: { tags: ['a'], staging: { '+materialized': 'table', meta: { x: 1 } } } };
    expect(treeConfig(tree, ['pkg', 'staging', 'm'])).toEqual({ materialized: 'table', tags: ['a'], meta: { x: 1 } });
    expect(treeConfig(tree, ['pkg', 'other', 'm'])).toEqual({ materialized: 'view', tags: ['a'] });
  });

  it('generic test names as dbt derives them, hashing names of 64+ characters', () => {
    expect(genericTestNames('not_null', 'orders', { column_name: 'order_id' })).toEqual({ short: 'not_null_orders_order_id', full: 'not_null_orders_order_id' });
    const long = genericTestNames('accepted_values', 'orders', { column_name: 'status', values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] });
    expect(long.full).toBe('accepted_values_orders_status__placed__shipped__completed__return_pending__returned');
    expect(long.short).toBe('accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758');
    expect(genericTestNames('source_unique', 'raw_events', { column_name: 'id' }).full).toBe('source_unique_raw_events_id');
  });

  it('ephemeral CTEs are injected as dbt injects them', () => {
    expect(injectCtes('select * from __dbt__cte__a', [['a', 'select 1']])).toBe('with __dbt__cte__a as (\nselect 1\n)select * from __dbt__cte__a');
    expect(injectCtes('-- c\nWITH x as (select 1) select * from x', [['a', 'select 2']])).toBe('-- c\nWITH __dbt__cte__a as (\nselect 2\n), x as (select 1) select * from x');
    expect(injectCtes('with recursive r as (select 1) select 1', [['a', 's']])).toBe('with recursive __dbt__cte__a as (\ns\n), r as (select 1) select 1');
  });
});
