import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/parse/parse-project.js';

const root = resolve(import.meta.dirname, '../../../..');
const BIN = join(root, 'packages/cli/bin/tsdbt.js');
const shop = join(root, 'test/fixtures/projects/selection-shop');
const bad = join(root, 'test/fixtures/projects/selection-bad-selectors');
// The CLI runs the build (`npm test` builds first).
const ready = existsSync(join(root, 'packages/cli/dist/commands/ls.js')) && existsSync(join(root, 'packages/core/dist/selection/index.js'));

const ls = (project: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'ls', '--project-dir', project, '--profiles-dir', project, ...args], { encoding: 'utf8' });

describe.skipIf(!ready)('tsdbt ls (needs `npm run build`)', () => {
  it('uses the default selector of selectors.yml and prints fqn selectors', () => {
    const r = ls(shop, '--indirect-selection', 'empty');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('selection_shop.marts.orders\n');
  });

  it('-s with graph operators, --resource-type, --output name', () => {
    const r = ls(shop, '-s', '+revenue', '--resource-type', 'model', '--resource-type', 'source', '--output', 'name');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['orders', 'revenue', 'stg_customers', 'stg_orders', 'raw.customers', 'raw.orders']);
  });

  it('--exclude, --output path', () => {
    const r = ls(shop, '-s', 'staging', '--exclude', 'resource_type:test', '--output', 'path');
    expect(r.stdout.trim().split('\n')).toEqual(['models/staging/stg_customers.sql', 'models/staging/stg_orders.sql']);
  });

  it('--output json with --output-keys', () => {
    const r = ls(shop, '-s', 'revenue', '--resource-type', 'model', '--output', 'json', '--output-keys', 'name,resource_type');
    expect(JSON.parse(r.stdout)).toEqual({ name: 'revenue', resource_type: 'model' });
  });

  it('--log-format json prints one log object per node', () => {
    const r = ls(shop, '-s', 'revenue', '--resource-type', 'model', '--log-format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({ info: { name: 'ListCmdOut', msg: 'selection_shop.marts.finance.revenue' } });
  });

  it('--selector by name, and list as an alias', () => {
    const r = spawnSync(process.execPath, [BIN, 'list', '--project-dir', shop, '--profiles-dir', shop, '--selector', 'finance_upstream', '--output', 'name'], { encoding: 'utf8' });
    expect(r.stdout.trim().split('\n')).toEqual(['orders', 'revenue']);
  });

  it('state:modified and result: against a --state folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tsdbt-ls-state-'));
    cpSync(shop, work, { recursive: true });
    // The production artifacts: the project as parsed before the edit.
    const before = await parseProject({ projectDir: work, profilesDir: work });
    mkdirSync(join(work, 'prod'));
    writeFileSync(join(work, 'prod/manifest.json'), JSON.stringify(before.manifest));
    writeFileSync(join(work, 'models/marts/customers.sql'), 'select 2 as changed');
    const r = ls(work, '-s', 'state:modified', '--state', join(work, 'prod'), '--output', 'name');
    // The relationships test reads customers, so eager indirect selection brings it along, as in dbt.
    expect(r.stdout.trim().split('\n')).toEqual(['customers', 'relationships_orders_customer_id__customer_id__ref_customers_']);
    // result: reads run_results.json from the same folder.
    writeFileSync(join(work, 'prod/run_results.json'), JSON.stringify({ results: [{ unique_id: 'model.selection_shop.orders', status: 'error' }] }));
    const failed = ls(work, '-s', 'result:error+', '--state', join(work, 'prod'), '--resource-type', 'model', '--output', 'name');
    expect(failed.stdout.trim().split('\n')).toEqual(['orders', 'revenue']);
    rmSync(work, { recursive: true, force: true });
  });

  it('-m, the legacy flag, lists models only', () => {
    const r = ls(shop, '-m', 'orders');
    expect(r.stdout).toBe('selection_shop.marts.orders\n');
  });

  it('a selection that matches nothing warns and exits 0', () => {
    const r = ls(shop, '-s', 'no_such_model');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("The selection criterion 'no_such_model' does not match any enabled nodes");
    expect(r.stderr).toContain('No nodes selected!');
  });

  it('an unknown method: coded error, exit 2, hint, no stack trace', () => {
    const r = ls(shop, '-s', 'tga:nightly');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TSDBT_SELECTOR_UNKNOWN_METHOD');
    expect(r.stderr).toContain('Did you mean "tag:"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a broken selectors.yml names the file and line, exit 2', () => {
    const r = ls(bad, '--selector', 'broken');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/selectors\.yml:4: error TSDBT_SELECTOR_UNKNOWN_METHOD/);
  });

  it('an unknown --selector suggests the closest name', () => {
    const r = ls(bad, '--selector', 'fin');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean "fine"?');
  });

  it('--state pointing at nothing', () => {
    const r = ls(shop, '-s', 'state:modified', '--state', join(shop, 'nowhere'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TSDBT_STATE_NOT_FOUND');
  });
});
