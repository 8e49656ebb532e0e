import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';

/** A project shared with dbt Cloud: its property YAML also declares Semantic Layer resources. */
const FILES: Record<string, string> = {
  'dbt_project.yml': "name: sl_shop\nversion: '1.0'\nconfig-version: 2\nprofile: sl_shop\n",
  'profiles.yml': 'sl_shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n',
  'models/orders.sql': 'select 1 as id, 10 as amount',
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: orders',
    '    description: Orders',
    '',
    'semantic_models:',
    '  - name: orders',
    "    model: ref('orders')",
    '    entities: [{ name: order, type: primary, expr: id }]',
    '',
    'metrics:',
    '  - name: revenue',
    '    type: simple',
    '    type_params: { measure: amount }',
    '  - name: order_count',
    '    type: simple',
    '    type_params: { measure: orders }',
  ].join('\n'),
  'models/queries.yml': 'saved_queries:\n  - name: weekly\n    query_params: { metrics: [revenue] }\n',
  'models/singular.yml': 'data_tests:\n  - name: no_refunds\n    description: Never read yet\n',
  'models/typo.yml': 'version: 2\nmodel:\n  - name: orders\n    description: never read\n',
};

interface Manifest {
  semantic_models: Record<string, unknown>;
  metrics: Record<string, unknown>;
  saved_queries: Record<string, unknown>;
  nodes: Record<string, { description: string }>;
}

describe('top-level keys of property YAML tsdbt does not read', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdbt-property-keys-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warns once per file about Semantic Layer entries, at the key, and still parses', async () => {
    const r = await runTsdbt(dir, ['parse']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const out = r.stdout + r.stderr;
    const warnings = out.split('\n').filter((l) => l.includes('TSDBT_UNSUPPORTED_RESOURCE'));
    expect(warnings.filter((l) => l.includes('Semantic Layer'))).toHaveLength(2);
    expect(warnings.find((l) => l.includes('models/schema.yml'))).toMatch(/models\/schema\.yml:6\b.*'semantic_models' \(1 entry\), 'metrics' \(2 entries\)/u);
    expect(warnings.find((l) => l.includes('models/queries.yml'))).toMatch(/models\/queries\.yml:1\b.*'saved_queries' \(1 entry\)/u);
    expect(out).toContain('tsdbt does not build the dbt Semantic Layer yet; these entries are not in manifest.json');
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as Manifest;
    expect([manifest.semantic_models, manifest.metrics, manifest.saved_queries]).toEqual([{}, {}, {}]);
    // The rest of the file is read as before.
    expect(manifest.nodes['model.sl_shop.orders']?.description).toBe('Orders');
  });

  it('warns about singular test properties it does not apply, and any other top-level key as dbt does (CustomTopLevelKeyDeprecation)', async () => {
    const r = await runTsdbt(dir, ['parse']);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/models\/singular\.yml:1\b.*TSDBT_UNSUPPORTED_RESOURCE.*'data_tests' \(1 entry\)/u);
    expect(out).toMatch(/models\/typo\.yml:2\b.*TSDBT_UNKNOWN_PROPERTY_KEY.*Unexpected top-level key model in file `models\/typo\.yml`/u);
    expect(out).not.toMatch(/TSDBT_UNKNOWN_PROPERTY_KEY.*key (version|models|semantic_models|metrics|saved_queries) /u);
  });

  it('fails under --warn-error, as any warning does, and --warn-error-options can name dbt\'s event', async () => {
    const strict = await runTsdbt(dir, ['--warn-error', 'parse']);
    expect(strict.exitCode).toBe(2);
    expect(strict.stdout + strict.stderr).toContain('TSDBT_UNSUPPORTED_RESOURCE');

    const byEvent = await runTsdbt(dir, ['--warn-error-options', '{"error": ["CustomTopLevelKeyDeprecation"]}', 'parse']);
    expect(byEvent.exitCode).toBe(2);
    expect(byEvent.stdout + byEvent.stderr).toContain('Unexpected top-level key model');
  });
});
