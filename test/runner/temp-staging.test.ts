import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapter } from '@tsdbt/adapter-duckdb';
import type { Connection } from '@tsdbt/core';
import { queryWarehouse, runTsdbt } from './run-tsdbt.js';

// Incremental steps, microbatch batches and snapshots stage their rows in DuckDB temp tables (dbt-duckdb's
// `create temporary table`): connection-local, so no other connection ever sees them, and a killed run leaves none.

const MODELS: Record<string, string> = {
  src_rows: "{{ config(materialized='table', event_time='ts') }}\nselect range as id, range * 10 as v, timestamp '2024-01-01' + to_days(cast(range as integer)) as ts from range({{ var('n', 3) }})",
  inc_key: "{{ config(materialized='incremental', unique_key='id') }}\nselect id, v from {{ ref('src_rows') }}",
  inc_merge: "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}\nselect id, v from {{ ref('src_rows') }}",
  inc_append:
    "{{ config(materialized='incremental') }}\nselect id, v from {{ ref('src_rows') }}\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}",
  inc_new_column:
    "{{ config(materialized='incremental', unique_key='id', on_schema_change='append_new_columns') }}\nselect id, v{% if var('n', 3) > 3 %}, v + 1 as w{% endif %} from {{ ref('src_rows') }}",
  daily:
    "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts', batch_size='year', begin='2024-01-01') }}\nselect id, v, ts from {{ ref('src_rows') }}",
  clash: "{{ config(materialized='incremental', unique_key='id') }}\nselect 1 as id, {% if var('clash', false) %}'not a number'{% else %}10{% endif %} as v",
};

const SNAPSHOT = `{% snapshot snap %}
{{ config(target_schema='main', unique_key='id', strategy='check', check_cols=['v']) }}
select id, v from {{ ref('src_rows') }}
{% endsnapshot %}
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-temp-staging-'));
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'snapshots'));
  writeFileSync(join(dir, 'profiles.yml'), 'stg:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 4\n');
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: stg\nversion: "1.0"\nconfig-version: 2\nprofile: stg\n');
  for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), `${sql}\n`);
  writeFileSync(join(dir, 'snapshots', 'snap.sql'), SNAPSHOT);
  return dir;
}

const STAGED_NAMES = "select table_catalog, table_name from information_schema.tables where table_name like '%\\_\\_dbt\\_%' escape '\\' order by 2";

/**
 * Before each statement that writes a model's target from its staged rows, what a second connection on the same
 * database sees of staged relations (it runs in the middle of the step: the staged rows exist, the apply has not run).
 */
async function watchApplies(dir: string): Promise<{ seen: Map<string, unknown[][]> }> {
  const probe = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: ':memory:' }, 'probe', { projectDir: dir }));
  const proto = Object.getPrototypeOf(probe) as Connection;
  await probe.close();
  const execute = proto.execute;
  const seen = new Map<string, unknown[][]>();
  vi.spyOn(proto, 'execute').mockImplementation(async function (this: Connection, sql: string, params?: unknown[]) {
    const apply = /^(?:delete from|insert into|merge into|update) "dev"\."main"\."(\w+)"/u.exec(sql);
    if (apply && /"\w+__dbt_(?:tmp|changes)"/u.test(sql)) seen.set(apply[1]!, await queryWarehouse(dir, STAGED_NAMES));
    return execute.call(this, sql, params);
  });
  return { seen };
}

describe('incremental, microbatch and snapshot staging in DuckDB temp tables', () => {
  const dir = project();
  const log = () => readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');

  beforeAll(async () => {
    const first = await runTsdbt(dir, ['build']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every incremental step from a temp table no other connection sees, four threads at once', async () => {
    const { seen } = await watchApplies(dir);
    const r = await runTsdbt(dir, ['build', '--threads', '4', '--exclude', 'clash', '--vars', '{n: 5}', '--event-time-start', '2024-01-01', '--event-time-end', '2025-01-01']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    // Each model's apply ran while its staged rows existed, and a second connection saw none of them.
    expect([...seen.keys()].sort()).toEqual(['daily', 'inc_append', 'inc_key', 'inc_merge', 'inc_new_column', 'snap']);
    for (const [model, names] of seen) expect(names, model).toEqual([]);
    expect(log()).toContain('create or replace temp table "inc_key__dbt_tmp" as (');
    expect(log()).toMatch(/delete from "dev"\."main"\."inc_key"\nwhere \("id"\) in \(\n {2}select \("id"\) from "temp"\."main"\."inc_key__dbt_tmp"\n\)/u);
    expect(log()).toContain('using "temp"."main"."inc_merge__dbt_tmp" as DBT_INTERNAL_SOURCE');
    expect(log()).toContain('from "temp"."main"."snap__dbt_changes" ch');
    for (const model of ['inc_key', 'inc_merge', 'inc_append']) {
      expect(await queryWarehouse(dir, `select id, v from main.${model} order by id`), model).toEqual([0, 1, 2, 3, 4].map((i) => [i, i * 10]));
    }
    // on_schema_change read the new column off the temp table.
    expect(await queryWarehouse(dir, 'select id, w from main.inc_new_column where id = 4')).toEqual([[4, 41]]);
    expect(await queryWarehouse(dir, 'select count(*) from main.daily')).toEqual([[5]]);
    expect(await queryWarehouse(dir, 'select count(*) from main.snap')).toEqual([[5]]);
    expect(await queryWarehouse(dir, STAGED_NAMES)).toEqual([]);
  }, 60_000);

  it('a step failing after staging leaves the target as it was and no staged relation, during or after', async () => {
    const { seen } = await watchApplies(dir);
    const r = await runTsdbt(dir, ['run', '--select', 'clash', '--vars', '{clash: true}']);
    // The delete by key runs, then the insert of text into the integer column fails: the transaction rolls back.
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/ERROR creating sql incremental model main\.clash/u);
    expect(seen.get('clash')).toEqual([]);
    expect(await queryWarehouse(dir, 'select id, v from main.clash')).toEqual([[1, 10]]);
    expect(await queryWarehouse(dir, STAGED_NAMES)).toEqual([]);
  }, 60_000);
});
