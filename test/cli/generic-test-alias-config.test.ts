import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';

// dbt-core's TestBuilder: a generic test whose synthesized name reaches 64 characters is named by its hashed short
// name, and that short name is its `alias` config (unless the YAML sets one), so manifest.json carries it there too.

const LONG = Array.from({ length: 6 }, (_, i) => `'a_rather_long_status_value_${i}'`).join(', ');

const FILES: Record<string, string> = {
  'dbt_project.yml': "name: long_tests\nversion: '1.0'\nconfig-version: 2\nprofile: long_tests\n",
  'profiles.yml': 'long_tests:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 1\n',
  'models/orders.sql': "select 1 as id, 'x' as status",
  'models/schema.yml':
    'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n' +
    `      - name: status\n        data_tests:\n          - accepted_values:\n              values: [${LONG}]\n` +
    `          - accepted_values:\n              values: [${LONG}, 'other']\n              config:\n                alias: my_alias\n`,
};

interface TestNode { name: string; alias: string; config: { alias: string | null }; unrendered_config: Record<string, unknown> }

describe('manifest.json: a long generic test name is its alias config', () => {
  let dir = '';
  let tests: TestNode[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-long-test-alias-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const r = await runTsdbt(dir, ['parse']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, TestNode & { resource_type: string }> };
    tests = Object.values(manifest.nodes).filter((n) => n.resource_type === 'test');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets config.alias to the hashed short name when the name is too long', () => {
    const long = tests.find((t) => t.name.startsWith('accepted_values_orders_status_') && !t.name.endsWith('other'))!;
    expect(long.name.length).toBeGreaterThanOrEqual(64);
    expect(long.alias).toMatch(/^accepted_values_orders_[0-9a-f]{32}$/u);
    expect(long.config.alias).toBe(long.alias);
    expect(long.unrendered_config.alias).toBe(long.alias);
  });

  it("keeps the YAML's own alias", () => {
    const own = tests.find((t) => t.name.endsWith('other'))!;
    expect(own.config.alias).toBe('my_alias');
    expect(own.alias).toBe('my_alias');
  });

  it('leaves a short name without an alias config', () => {
    const short = tests.find((t) => t.name === 'not_null_orders_id')!;
    expect(short.alias).toBe('not_null_orders_id');
    expect(short.config.alias).toBeNull();
  });
});
