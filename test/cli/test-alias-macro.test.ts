import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse, runTsdbt } from '../runner/run-tsdbt.js';

// dbt-core names every node through the project's generate_schema_name and generate_alias_name, tests included
// (ConfiguredParser.update_parsed_node_name): custom_alias_name is the test's alias config, or a long generic test's
// hashed short name (TestBuilder), else none. --store-failures writes its audit tables under those names.

const LONG = Array.from({ length: 8 }, (_, i) => `'a_rather_long_status_value_${i}'`).join(', ');

const FILES: Record<string, string> = {
  'dbt_project.yml': "name: alias_shop\nversion: '1.0'\nconfig-version: 2\nprofile: alias_shop\nmodels:\n  alias_shop:\n    +materialized: table\n",
  'profiles.yml': 'alias_shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 2\n',
  'macros/naming.sql':
    '{% macro generate_alias_name(custom_alias_name=none, node=none) -%}\n' +
    '  {%- if custom_alias_name -%}a_{{ custom_alias_name | trim }}{%- else -%}{{ node.resource_type }}_{{ node.name }}{%- endif -%}\n' +
    '{%- endmacro %}\n' +
    // The common override: a custom schema is used as is, not appended to the target's.
    '{% macro generate_schema_name(custom_schema_name=none, node=none) -%}\n' +
    '  {%- if custom_schema_name -%}{{ custom_schema_name | trim }}{%- else -%}{{ target.schema }}{%- endif -%}\n' +
    '{%- endmacro %}\n',
  'models/orders.sql': "select * from (values (1, -5, 'x'), (2, 7, 'y')) t(id, amount, status)",
  'models/schema.yml':
    'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n' +
    `      - name: status\n        data_tests:\n          - accepted_values:\n              values: [${LONG}]\n`,
  'tests/checks/negative.sql': "select * from {{ ref('orders') }} where amount < 0",
  'tests/named.sql': "{{ config(alias='named_rows') }}\nselect * from {{ ref('orders') }} where amount < 0",
};

interface LsNode { unique_id: string; alias: string; resource_type: string }

describe("a project's generate_alias_name and generate_schema_name name its tests too", () => {
  let dir = '';
  let nodes: Map<string, LsNode>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-test-alias-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const ls = await runTsdbt(dir, ['ls', '--output', 'json', '--output-keys', 'unique_id,alias,resource_type']);
    expect(ls.exitCode, ls.stdout + ls.stderr).toBe(0);
    const rows = ls.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LsNode);
    nodes = new Map(rows.map((n) => [n.unique_id.split('.')[2]!, n]));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tsdbt ls shows the aliases the macro gives, for models and tests alike', () => {
    expect(nodes.get('orders')?.alias).toBe('model_orders');
    expect(nodes.get('negative')?.alias).toBe('test_negative');
    expect(nodes.get('not_null_orders_id')?.alias).toBe('test_not_null_orders_id');
    // The alias config is the macro's custom_alias_name.
    expect(nodes.get('named')?.alias).toBe('a_named_rows');
    // A long generic test: the macro gets its hashed short name, as dbt's TestBuilder sets it.
    const long = [...nodes.values()].find((n) => n.unique_id.includes('accepted_values_orders_status'))!;
    expect(long.alias).toMatch(/^a_accepted_values_orders_[0-9a-f]{32}$/u);
  });

  it('manifest.json and --store-failures use them: the audit tables are named by the macro', async () => {
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { alias: string; schema: string }> };
    expect(manifest.nodes['test.alias_shop.negative']).toMatchObject({ alias: 'test_negative', schema: 'dbt_test__audit' });
    const r = await runTsdbt(dir, ['test', '--store-failures']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    const tables = await queryWarehouse(dir, "select table_schema, table_name from information_schema.tables where table_schema <> 'main' order by 2");
    const long = [...nodes.values()].find((n) => n.unique_id.includes('accepted_values_orders_status'))!;
    expect(tables).toEqual([
      ['dbt_test__audit', long.alias],
      ['dbt_test__audit', 'a_named_rows'],
      ['dbt_test__audit', 'test_negative'],
      ['dbt_test__audit', 'test_not_null_orders_id'],
    ]);
    expect(await queryWarehouse(dir, 'select id from dbt_test__audit.test_negative')).toEqual([[1]]);
    expect(r.stdout).toContain('select * from "dev"."dbt_test__audit"."test_negative"');
  });
});
