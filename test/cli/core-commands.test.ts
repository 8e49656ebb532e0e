import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const projects = join(root, 'test/fixtures/projects');
const profiles = join(projects, 'core_profiles');

function tsdbt(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A writable copy of a fixture (compile and clean write into the project). */
function copyFixture(name: string): string {
  const dir = join(tempDir('tsdbt-cli-'), name);
  cpSync(join(projects, name), dir, { recursive: true });
  return dir;
}

describe.skipIf(!existsSync(bin))('tsdbt parse / compile / clean / debug', () => {
  it('parse writes a v12 manifest and prints what it found', () => {
    const dir = copyFixture('core_basic');
    const r = tsdbt(['parse', '--project-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Found 3 models, 2 seeds, 6 data tests, \d+ macros/);
    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/manifest/v12.json');
    expect(manifest.child_map['model.core_basic.stg_orders']).toContain('model.core_basic.orders');
    expect(JSON.stringify(manifest)).not.toContain(':memory:');
  });

  it('compile writes target/compiled/<project>/<path> and --inline prints one statement', () => {
    const dir = copyFixture('core_basic');
    expect(tsdbt(['compile', '--project-dir', dir]).code).toBe(0);
    const compiled = readFileSync(join(dir, 'target/compiled/core_basic/models/staging/stg_orders.sql'), 'utf8');
    expect(compiled).toContain('from "memory"."main_raw"."raw_orders"');
    expect(existsSync(join(dir, 'target/compiled/core_basic/models/staging/schema.yml/not_null_stg_orders_order_id.sql'))).toBe(true);
    const inline = tsdbt(['compile', '--project-dir', dir, '--inline', "select count(*) from {{ ref('stg_orders') }}"]);
    expect(inline).toMatchObject({ code: 0, stdout: 'select count(*) from "memory"."main"."stg_orders"\n' });
  });

  it("template log(info=True) reaches the console; --quiet silences it", () => {
    const dir = copyFixture('core_basic');
    const sql = "{{ log('hello from a template', info=True) }}select 1";
    expect(tsdbt(['compile', '--project-dir', dir, '--inline', sql]).stdout).toBe('hello from a template\nselect 1\n');
    expect(tsdbt(['compile', '--project-dir', dir, '--inline', sql, '--quiet']).stdout).toBe('select 1\n');
  });

  it('clean removes the clean-targets', () => {
    const dir = copyFixture('core_basic');
    tsdbt(['parse', '--project-dir', dir]);
    expect(existsSync(join(dir, 'target'))).toBe(true);
    expect(tsdbt(['clean', '--project-dir', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('debug checks project, profile and connection', () => {
    const ok = tsdbt(['debug', '--project-dir', join(projects, 'core_basic')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('connection: OK');
    const bad = tsdbt(['debug', '--project-dir', join(projects, 'core_unknown_profile'), '--profiles-dir', profiles]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('TSDBT_PROFILE_NOT_FOUND');
  });

  it('a project error prints the code, an excerpt with a caret and a hint, exit 2 as dbt, no stack trace', () => {
    const r = tsdbt(['parse', '--project-dir', join(projects, 'core_missing_ref'), '--profiles-dir', profiles, '--target-path', tempDir('tsdbt-t-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("models/orders.sql:2:9: error TSDBT_REF_NOT_FOUND");
    expect(r.stderr).toContain("  2 | from {{ ref('custmers') }}");
    expect(r.stderr).toMatch(/\n\s+\|\s{9}\^/);
    expect(r.stderr).toContain("hint: Did you mean ref('customers')?");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // The same for the commands that would run it: nothing ran, so not a node failure (1).
    expect(tsdbt(['build', '--project-dir', join(projects, 'core_missing_ref'), '--profiles-dir', profiles, '--target-path', tempDir('tsdbt-t-')]).code).toBe(2);
  });

  it('--log-format json prints diagnostics as JSON lines', () => {
    const r = tsdbt(['parse', '--log-format', 'json', '--project-dir', join(projects, 'core_cycle'), '--profiles-dir', profiles, '--target-path', tempDir('tsdbt-t-')]);
    expect(r.code).toBe(2);
    const line = JSON.parse(r.stderr.trim().split('\n')[0]!);
    expect(line).toMatchObject({ level: 'error', code: 'TSDBT_CYCLE' });
  });

  it('bad usage exits 2', () => {
    expect(tsdbt(['parse', '--project-dir', join(projects, 'core_basic'), '--target', 'nope']).code).toBe(2);
    expect(tsdbt(['parse', '--project-dir', join(projects, 'core_basic'), '--vars', '{a: [']).code).toBe(2);
    expect(tsdbt(['parse', '--project-dir', join(projects, 'core_basic'), '--bogus-flag', '--target-path', tempDir('tsdbt-t-')]).code).toBe(2);
  });

  it('every core command has --help with examples', () => {
    for (const cmd of ['parse', 'compile', 'clean', 'debug']) {
      const r = tsdbt([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
  });
});
