import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const projects = join(root, 'test/fixtures/projects');

function tsdbt(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyFixture(name: string): string {
  const dir = join(tempDir('tsdbt-usage-'), name);
  cpSync(join(projects, name), dir, { recursive: true });
  return dir;
}

describe.skipIf(!existsSync(bin))('bad usage stops before any work', () => {
  it('an unknown flag on run exits 2 and runs nothing (no target/, no run_results.json)', () => {
    const dir = copyFixture('runner-basic');
    const r = tsdbt(['run', '--project-dir', dir, '--profiles-dir', dir, '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument');
    expect(r.stdout).not.toContain('START');
    expect(existsSync(join(dir, 'target', 'run_results.json'))).toBe(false);
    expect(existsSync(join(dir, 'target'))).toBe(false);
    expect(existsSync(join(dir, 'dev.duckdb'))).toBe(false);
  });

  it('an unknown flag on parse exits 2 and writes no manifest', () => {
    const dir = copyFixture('core_basic');
    const r = tsdbt(['parse', '--project-dir', dir, '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('Wrote');
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('a bad positional (source <action>, run-operation <macro>) is a usage error, not a project error', () => {
    const empty = tempDir('tsdbt-usage-');
    for (const args of [['source', 'fresh'], ['run-operation'], ['source']]) {
      const r = tsdbt([...args, '--project-dir', empty]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toContain('TSDBT_PROJECT_NOT_FOUND');
    }
  });

  it('an unknown command keeps the suggestion', () => {
    const r = tsdbt(['biuld']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument: biuld');
    expect(r.stderr).toContain('Did you mean build?');
  });
});

describe.skipIf(!existsSync(bin))('--target-path reaches the runner commands', () => {
  it('run writes manifest.json and run_results.json under --target-path, not the project target/', () => {
    const dir = copyFixture('runner-basic');
    const out = join(tempDir('tsdbt-usage-'), 'elsewhere');
    const r = tsdbt(['run', '--project-dir', dir, '--profiles-dir', dir, '--target-path', out, '--select', 'order_statuses']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'run_results.json'))).toBe(true);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'target', 'run_results.json'))).toBe(false);
    expect(existsSync(join(dir, 'target', 'manifest.json'))).toBe(false);
  });
});
