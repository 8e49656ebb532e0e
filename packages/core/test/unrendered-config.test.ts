import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProject, selectNodes, type Manifest } from '@tsdbt/core';

const PROJECT = [
  'name: shop',
  'version: "1.0"',
  'profile: shop',
  'models:',
  '  shop:',
  '    +schema: "{{ env_var(\'SHOP_SCHEMA\', \'dev\') }}"',
  '    marts:',
  '      +materialized: table',
  'data_tests:',
  '  +severity: warn',
].join('\n');

const FILES: Record<string, string> = {
  'dbt_project.yml': PROJECT,
  'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n',
  'models/marts/orders.sql': "{{ config(alias='all_orders') }}\nselect 1 as id",
  'models/staging/stg.sql': 'select 1 as id',
  'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    config:\n      tags: [finance]\n    columns:\n      - name: id\n        tests:\n          - unique:\n              config: {where: "id > 0"}\n',
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string> = FILES): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-unrendered-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function manifestOf(dir: string, env: Record<string, string> = {}): Promise<Manifest> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return (await parseProject({ projectDir: dir, profilesDir: dir, targetPath: join(dir, 'target'), noPartialParse: true })).manifest;
  } finally {
    process.env = saved;
  }
}

describe('unrendered_config, as dbt keeps it for state comparison', () => {
  it('holds dbt_project.yml and property YAML as written, with the config() call over them', async () => {
    const m = await manifestOf(project());
    const orders = m.nodes['model.shop.orders']!;
    expect(orders.unrendered_config).toEqual({ schema: "{{ env_var('SHOP_SCHEMA', 'dev') }}", materialized: 'table', tags: ['finance'], alias: 'all_orders' });
    expect(orders.config.schema).toBe('dev');
    expect(m.nodes['model.shop.stg']!.unrendered_config).toEqual({ schema: "{{ env_var('SHOP_SCHEMA', 'dev') }}" });
    const test = Object.values(m.nodes).find((n) => n.resource_type === 'test')!;
    expect(test.unrendered_config).toEqual({ severity: 'warn', where: 'id > 0' });
  });

  it('state:modified.configs follows a dbt_project.yml change, not an environment that renders it differently', async () => {
    const dir = project();
    const prod = await manifestOf(dir, { SHOP_SCHEMA: 'prod' });
    const dev = await manifestOf(dir, { SHOP_SCHEMA: 'dev_ann' });
    expect(dev.nodes['model.shop.stg']!.config.schema).toBe('dev_ann');
    expect(selectNodes(dev, { select: ['state:modified'], state: prod })).toEqual([]);
    const edited = await manifestOf(project({ ...FILES, 'dbt_project.yml': PROJECT.replace('+materialized: table', '+materialized: incremental') }), { SHOP_SCHEMA: 'prod' });
    expect(selectNodes(edited, { select: ['state:modified.configs'], state: prod, indirectSelection: 'empty' })).toEqual(['model.shop.orders']);
  });
});
