import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

// dbt-snowflake's staging: a temporary view for one-statement steps (merge, append), a temporary table for
// delete+insert by key and for snapshots. Session-scoped: no other session sees them, and a killed run leaves none.

const MODELS: Record<string, string> = {
  src_rows: "{{ config(materialized='table') }}\n{% for i in range(var('n', 3)) %}select {{ i }} as id, {{ i * 10 }} as v{% if not loop.last %}\nunion all\n{% endif %}{% endfor %}",
  inc_merge: "{{ config(materialized='incremental', unique_key='id') }}\nselect id, v from {{ ref('src_rows') }}",
  inc_key: "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert') }}\nselect id, v from {{ ref('src_rows') }}",
  inc_append:
    "{{ config(materialized='incremental') }}\nselect id, v from {{ ref('src_rows') }}\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}",
  inc_merge_table:
    "{{ config(materialized='incremental', unique_key='id', tmp_relation_type='table', on_schema_change='append_new_columns') }}\nselect id, v{% if var('n', 3) > 3 %}, v + 1 as w{% endif %} from {{ ref('src_rows') }}",
  clash:
    "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert') }}\nselect 1 as id, {% if var('clash', false) %}'not a number'{% else %}10{% endif %} as v",
};

const SNAPSHOT = `{% snapshot snap %}
{{ config(target_schema='analytics', unique_key='id', strategy='check', check_cols=['v']) }}
select id, v from {{ ref('src_rows') }}
{% endsnapshot %}
`;

/** Names of staged relations (`…__DBT_TMP`, `…__DBT_CHANGES`) among what SHOW lists to `conn`'s session. */
async function stagedNames(conn: Connection): Promise<string[]> {
  const { rows } = await conn.execute('show terse objects in schema stgdb.analytics');
  return rows.flat().filter((v): v is string => typeof v === 'string' && /__dbt_/iu.test(v));
}

describe('incremental and snapshot staging in Snowflake temporary relations (against the stand-in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-temp-staging-'));
  let standIn: SnowflakeStandIn;
  let observer: Connection;
  const log = () => readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');
  const query = async (sql: string) => (await observer.execute(sql)).rows;

  /** Before each statement writing a target from staged rows: what the observer's own session sees of staged relations. */
  async function watchApplies(): Promise<Map<string, string[]>> {
    const proto = Object.getPrototypeOf(observer) as Connection;
    const execute = proto.execute;
    const seen = new Map<string, string[]>();
    let queue = Promise.resolve();
    vi.spyOn(proto, 'execute').mockImplementation(async function (this: Connection, sql: string, params?: unknown[]) {
      const apply = /^(?:delete from|insert into|merge into|update) stgdb\.analytics\.(\w+)/u.exec(sql);
      if (apply && this !== observer && /__dbt_(?:tmp|changes)\b/u.test(sql)) {
        const look = queue.then(async () => void seen.set(apply[1]!, await stagedNames(observer)));
        queue = look.catch(() => undefined);
        await look;
      }
      return execute.call(this, sql, params);
    });
    return seen;
  }

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_stg\nversion: "1.0"\nconfig-version: 2\nprofile: sf_stg\n');
    const output = { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'stgdb', warehouse: 'wh', schema: 'analytics', threads: 4, host: '127.0.0.1', port: standIn.port, protocol: 'http' };
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_stg: { target: 'sf', outputs: { sf: output } } }));
    for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), `${sql}\n`);
    writeFileSync(join(dir, 'snapshots', 'snap.sql'), SNAPSHOT);
    const first = await runTsdbt(dir, ['build']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    observer = await adapter.connect(adapter.parseConfig(output, 'sf', { projectDir: dir }));
  }, 120_000);

  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await closeStandIn(standIn, { conn: observer, dir });
  });

  it('stages views for one-statement steps and tables for delete+insert and snapshots, seen by no other session', async () => {
    const seen = await watchApplies();
    const r = await runTsdbt(dir, ['build', '--threads', '4', '--exclude', 'clash', '--vars', '{n: 5}']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect([...seen.keys()].sort()).toEqual(['INC_APPEND', 'INC_KEY', 'INC_MERGE', 'INC_MERGE_TABLE', 'SNAP']);
    for (const [model, names] of seen) expect(names, model).toEqual([]);
    const text = log();
    expect(text).toContain('create or replace temporary view stgdb.analytics.INC_MERGE__dbt_tmp as (');
    expect(text).toContain('create or replace temporary view stgdb.analytics.INC_APPEND__dbt_tmp as (');
    expect(text).toContain('create or replace temporary table stgdb.analytics.INC_KEY__dbt_tmp as (');
    expect(text).toContain('create or replace temporary table stgdb.analytics.INC_MERGE_TABLE__dbt_tmp as (');
    expect(text).toContain('create or replace temporary table stgdb.analytics.SNAP__dbt_changes as (');
    for (const model of ['inc_merge', 'inc_key', 'inc_append']) {
      expect(await query(`select id, v from stgdb.analytics.${model} order by id`), model).toEqual([0, 1, 2, 3, 4].map((i) => [i, i * 10]));
    }
    // on_schema_change read the new column off the temporary table (DESCRIBE on the session's own object).
    expect(await query('select id, w from stgdb.analytics.inc_merge_table where id = 4')).toEqual([[4, 41]]);
    expect(await query('select count(*) from stgdb.analytics.snap')).toEqual([[5]]);
    expect(await stagedNames(observer)).toEqual([]);
  }, 120_000);

  it('a step failing after staging leaves the target as it was and no staged relation, during or after', async () => {
    const seen = await watchApplies();
    const r = await runTsdbt(dir, ['run', '--select', 'clash', '--vars', '{clash: true}']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(seen.get('CLASH')).toEqual([]);
    expect(await query('select id, v from stgdb.analytics.clash')).toEqual([[1, 10]]);
    expect(await stagedNames(observer)).toEqual([]);
  }, 120_000);

  it('rejects a view for delete+insert by key, as dbt-snowflake does', async () => {
    writeFileSync(join(dir, 'models', 'clash.sql'), `${MODELS.clash!.replace("incremental_strategy='delete+insert'", "incremental_strategy='delete+insert', tmp_relation_type='view'")}\n`);
    const r = await runTsdbt(dir, ['run', '--select', 'clash']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('the `delete+insert` strategy only supports `table` or `transient` for `tmp_relation_type` but view was specified');
  }, 120_000);

  it('checks tmp_relation_type on every run, the first and --full-refresh ones too, and ignores an unknown one elsewhere', async () => {
    writeFileSync(join(dir, 'models', 'fresh_key.sql'), "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert', tmp_relation_type='view') }}\nselect 1 as id\n");
    writeFileSync(join(dir, 'models', 'odd_merge.sql'), "{{ config(materialized='incremental', unique_key='id', tmp_relation_type='temp') }}\nselect 1 as id\n");
    try {
      const first = await runTsdbt(dir, ['run', '--select', 'fresh_key']);
      expect(first.exitCode).toBe(1);
      expect(first.stdout).toContain('only supports `table` or `transient` for `tmp_relation_type` but view was specified');
      expect(await query("select count(*) from information_schema.tables where table_name = 'FRESH_KEY'")).toEqual([[0]]);
      // clash exists in the warehouse; --full-refresh rebuilds it without staging, and is refused all the same.
      writeFileSync(join(dir, 'models', 'clash.sql'), `${MODELS.clash!.replace("incremental_strategy='delete+insert'", "incremental_strategy='delete+insert', tmp_relation_type='view'")}\n`);
      const refresh = await runTsdbt(dir, ['run', '--select', 'clash', '--full-refresh']);
      expect(refresh.exitCode).toBe(1);
      expect(refresh.stdout).toContain('only supports `table` or `transient` for `tmp_relation_type` but view was specified');
      // An unknown value is not an error where any staging works: the strategy's default (a view for merge).
      const odd = await runTsdbt(dir, ['run', '--select', 'odd_merge']);
      expect(odd.exitCode, odd.stdout).toBe(0);
      const again = await runTsdbt(dir, ['run', '--select', 'odd_merge']);
      expect(again.exitCode, again.stdout).toBe(0);
      expect(log()).toContain('create or replace temporary view stgdb.analytics.ODD_MERGE__dbt_tmp as (');
    } finally {
      rmSync(join(dir, 'models', 'fresh_key.sql'));
      rmSync(join(dir, 'models', 'odd_merge.sql'));
    }
  }, 120_000);
});
