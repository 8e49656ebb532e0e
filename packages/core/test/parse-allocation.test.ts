import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { treeConfig } from '../src/config/config-tree.js';
import { mergeConfig, toHooks } from '../src/config/merge-config.js';
import type { ManifestNode } from '../src/manifest/types.js';
import { layeredConfig, unrenderedConfig } from '../src/parse/resolve-config.js';
import { genericTestHash } from '../src/properties/generic-test-name.js';
import type { ProjectPackage } from '../src/project/packages.js';
import { sortStrings } from '../src/util/sort-strings.js';
import { trimmed } from '../src/util/trimmed.js';

// The parse shares and trims what it can (see trimmed, sortStrings, treeConfig's memo); these pin that the
// sharing never shows: results equal the plain computation, and no caller sees another's changes.

describe('sortStrings', () => {
  it('orders as Array.prototype.sort does, short lists and long', () => {
    const words = ['b', 'a', 'B', 'é', 'a_1', 'a.1', '', 'z', '10', '9', '😀', 'ab', 'a'];
    for (let n = 0; n <= words.length; n++) {
      const list = words.slice(0, n).reverse();
      expect(sortStrings([...list])).toEqual([...list].sort());
    }
    const long = Array.from({ length: 40 }, (_, i) => `model.pkg.m${(i * 7919) % 40}`);
    expect(sortStrings([...long])).toEqual([...long].sort());
  });
});

describe('trimmed', () => {
  it('returns the same entries (a copy when there are any)', () => {
    const grown: string[] = [];
    grown.push('x', 'y');
    const copy = trimmed(grown);
    expect(copy).toEqual(['x', 'y']);
    expect(copy).not.toBe(grown);
    const empty: string[] = [];
    expect(trimmed(empty)).toBe(empty);
  });
});

describe('config trees merged once per path', () => {
  const tree = { '+tags': ['all'], pkg: { '+materialized': 'table', staging: { '+tags': ['stg'], '+meta': { a: 1 } } } };

  it('gives each path its own config, the same on every call', () => {
    const deep = treeConfig(tree, ['pkg', 'staging', 'm1']);
    expect(deep).toEqual({ tags: ['all', 'stg'], materialized: 'table', meta: { a: 1 } });
    expect(treeConfig(tree, ['pkg', 'staging', 'm2'])).toEqual(deep);
    expect(treeConfig(tree, ['pkg', 'marts', 'm3'])).toEqual({ tags: ['all'], materialized: 'table' });
    expect(treeConfig(tree, ['other', 'm4'])).toEqual({ tags: ['all'] });
  });

  it('follows the path, not the object, when YAML aliases one folder under two names', () => {
    const shared = { '+tags': ['shared'] };
    const aliased = { pkg: { '+materialized': 'table', a: shared }, other: { b: shared } };
    expect(treeConfig(aliased, ['pkg', 'a', 'm'])).toEqual({ materialized: 'table', tags: ['shared'] });
    expect(treeConfig(aliased, ['other', 'b', 'm'])).toEqual({ tags: ['shared'] });
  });

  it('node configs built from a shared tree config are each their own', () => {
    const pkg = { name: 'pkg', dir: '/p', relDir: '', isRoot: true, config: { trees: { models: tree }, unrenderedTrees: { models: tree } } } as unknown as ProjectPackage;
    const node = (name: string) => ({ resource_type: 'model', package_name: 'pkg', name, fqn: ['pkg', 'staging', name] }) as unknown as ManifestNode;
    const first = layeredConfig([pkg], node('m1'), { tags: ['yml'] });
    (first.tags as string[]).push('changed');
    (first.meta as Record<string, unknown>).b = 2;
    const second = layeredConfig([pkg], node('m2'), {});
    expect(second.tags).toEqual(['all', 'stg']);
    expect(second.meta).toEqual({ a: 1 });
    const unrendered = unrenderedConfig([pkg], node('m3'), { materialized: 'view' });
    unrendered.extra = true;
    expect(unrenderedConfig([pkg], node('m4'), {})).toEqual({ tags: ['all', 'stg'], materialized: 'table', meta: { a: 1 } });
    expect(treeConfig(tree, ['pkg', 'staging', 'm5'])).toEqual({ tags: ['all', 'stg'], materialized: 'table', meta: { a: 1 } });
  });
});

describe('config merging', () => {
  it('appends tags without repeats (first occurrence kept) and hooks with them', () => {
    expect(mergeConfig({ tags: ['a', 'b'] }, { tags: ['b', 'c', 'a'] }).tags).toEqual(['a', 'b', 'c']);
    expect(mergeConfig({ tags: 'a' }, { tags: 'a' }).tags).toEqual(['a']);
    expect(mergeConfig({ pre_hook: ['x'] }, { '+pre-hook': 'x' }).pre_hook).toEqual(['x', 'x']);
    const many = Array.from({ length: 20 }, (_, i) => `t${i % 15}`);
    expect(mergeConfig({ tags: [] }, { tags: many }).tags).toEqual([...new Set(many)]);
  });

  it('normalises hooks, an empty list as it is', () => {
    const none: unknown[] = [];
    expect(toHooks(none)).toBe(none);
    expect(toHooks(['select 1', { sql: 'select 2', transaction: false }])).toEqual([
      { sql: 'select 1', transaction: true, index: 0 },
      { sql: 'select 2', transaction: false, index: 1 },
    ]);
  });
});

describe('generic test hash', () => {
  it('hashes repr() of the metadata with sorted keys and quoted strings, as dbt does', () => {
    // dbt hashes str() of every leaf, so None is written 'None'.
    const metadata = { name: 'not_null', kwargs: { column_name: 'id', model: "{{ get_where_subquery(ref('orders')) }}" }, namespace: null };
    expect(genericTestHash('not_null_orders_id', metadata)).toBe(expectedHash());
  });
});

function expectedHash(): string {
  const text = `not_null_orders_id{'kwargs': {'column_name': 'id', 'model': "{{ get_where_subquery(ref('orders')) }}"}, 'name': 'not_null', 'namespace': 'None'}`;
  // The stock md5, not the code under test.
  return createHash('md5').update(text).digest('hex').slice(-10);
}
