import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '@tsdbt/adapter-duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

describe('--threads, --empty, --state/--defer', () => {
  const project = copyFixture('runner-basic');
  const query = async (sql: string) => {
    const conn = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: 'dev.duckdb' }, 'check', { projectDir: project.dir }));
    try {
      return (await conn.execute(sql)).rows;
    } finally {
      await conn.close();
    }
  };
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('--threads runs independent nodes on separate threads', async () => {
    const r = await runTsdbt(project.dir, ['run', '--threads', '3']);
    expect(r.exitCode).toBe(0);
    const rr = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8'));
    expect(new Set(rr.results.map((x: { thread_id: string }) => x.thread_id)).size).toBeGreaterThan(1);
    expect(rr.results.every((x: { thread_id: string }) => /^Thread-[123]$/u.test(x.thread_id))).toBe(true);
  });

  it('--empty builds every relation with its columns and no rows', async () => {
    const r = await runTsdbt(project.dir, ['run', '--empty', '--full-refresh']);
    expect(r.exitCode).toBe(0);
    expect(await query('select count(*) from main.customers')).toEqual([[0]]);
    expect((await query("select count(*) from information_schema.columns where table_name = 'customers'"))[0]![0]).toBe(4);
  });

  it('--defer reads unselected parents from the --state run when this target lacks them', async () => {
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
    const state = join(project.dir, 'prod-state');
    mkdirSync(state);
    cpSync(join(project.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
    const r = await runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--defer', '--state', state]);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/OK created sql table model ci\.customers/u);
    expect(await query('select count(*) from ci.customers')).toEqual([[3]]);
    const none = await runTsdbt(project.dir, ['run', '--target', 'ci', '--select', 'customers', '--defer']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('TSDBT_DEFER_NEEDS_STATE');
  });

  it('--state pointing nowhere is a usage error', async () => {
    const r = await runTsdbt(project.dir, ['run', '--state', join(project.dir, 'missing')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_STATE_NOT_FOUND');
  });
});
