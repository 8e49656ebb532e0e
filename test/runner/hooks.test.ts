import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';

const log = (m: string): string => `insert into main.hook_log values ('${m}')`;

/** Models whose hooks record what ran in main.hook_log; two of them fail in a post-hook. */
function writeProject(dir: string): void {
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'profiles.yml'), 'hooks:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 1\n');
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: hooks\nversion: "1.0"\nconfig-version: 2\nprofile: hooks\non-run-start:\n  - "create table if not exists main.hook_log (m varchar)"\n');
  const model = (name: string, config: string, sql: string): void => writeFileSync(join(dir, 'models', `${name}.sql`), `{{ config(${config}) }}\n${sql}\n`);
  model('a_view', `materialized='view', pre_hook=[before_begin("${log('view before begin')}"), "${log('view pre')}"], post_hook=["${log('view post')}", after_commit("${log('view after commit')}")]`, 'select 1 as x');
  model('b_table_bad_post', `materialized='table', pre_hook="${log('table pre')}", post_hook="select * from no_such_table"`, 'select 2 as y');
  model('c_table_bad_after_commit', `materialized='table', post_hook=after_commit("select * from no_such_table")`, 'select 3 as z');
}

describe('model hooks run inside the model transaction, as dbt does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-hooks-'));
  let run: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    writeProject(dir);
    run = await runTsdbt(dir, ['run']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs before_begin, the pre-hooks, the build, the post-hooks, then after_commit', async () => {
    expect(run.exitCode).toBe(1);
    const rows = (await query(dir, 'select m from main.hook_log')).map((r) => r[0]);
    expect(rows.filter((m) => String(m).startsWith('view'))).toEqual(['view before begin', 'view pre', 'view post', 'view after commit']);
  });

  it('rolls the build and its pre-hooks back when a post-hook fails', async () => {
    const rows = (await query(dir, 'select m from main.hook_log')).map((r) => r[0]);
    expect(rows).not.toContain('table pre');
    const tables = (await query(dir, "select table_name from information_schema.tables where table_schema = 'main' order by 1")).map((r) => r[0]);
    expect(tables).not.toContain('b_table_bad_post');
    expect(tables).not.toContain('b_table_bad_post__dbt_tmp');
    expect(run.stdout).toMatch(/ERROR creating sql table model main\.b_table_bad_post/u);
  });

  it('keeps the committed build when an after_commit hook fails', async () => {
    const tables = (await query(dir, "select table_name from information_schema.tables where table_schema = 'main' order by 1")).map((r) => r[0]);
    expect(tables).toContain('c_table_bad_after_commit');
    expect(tables).toContain('a_view');
    expect(run.stdout).toMatch(/ERROR creating sql table model main\.c_table_bad_after_commit/u);
  });
});
