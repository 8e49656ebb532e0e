import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

describe('a build on a fresh clone (no target/ folder yet)', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());
  // The warehouse file lives under target/, which a fresh clone does not have.
  writeFileSync(join(project.dir, 'profiles.yml'), 'runner_basic:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n      threads: 2\n');
  rmSync(join(project.dir, 'target'), { recursive: true, force: true });

  it('creates the folder of the DuckDB file and builds', async () => {
    expect(existsSync(join(project.dir, 'target'))).toBe(false);
    const r = await runTsdbt(project.dir, ['build']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).not.toContain('TSDBT_CONNECTION_FAILED');
    expect(existsSync(join(project.dir, 'target', 'dev.duckdb'))).toBe(true);
  });

  it("leaves target/manifest.json and the partial-parse state, and --state reads the build's manifest", async () => {
    const manifest = JSON.parse(readFileSync(join(project.dir, 'target', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.nodes)).toContain('model.runner_basic.customers');
    expect(existsSync(join(project.dir, 'target', 'partial_parse.json'))).toBe(true);
    const state = join(project.dir, 'build-state');
    mkdirSync(state);
    cpSync(join(project.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
    const unchanged = await runTsdbt(project.dir, ['ls', '--select', 'state:modified', '--state', state, '--output', 'name']);
    expect(unchanged.exitCode, unchanged.stdout + unchanged.stderr).toBe(0);
    expect(unchanged.stdout).not.toContain('customers');
    const model = join(project.dir, 'models', 'marts', 'customers.sql');
    writeFileSync(model, `${readFileSync(model, 'utf8')}\n-- changed\n`);
    const changed = await runTsdbt(project.dir, ['ls', '--select', 'state:modified', '--state', state, '--output', 'name']);
    expect(changed.exitCode, changed.stdout + changed.stderr).toBe(0);
    expect(changed.stdout).toContain('customers');
  });
});
