import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

const MODELS: Record<string, string> = {
  default_table: "{{ config(materialized='table') }}\nselect 1 as id",
  permanent: "{{ config(materialized='table', transient=false) }}\nselect 1 as id",
  clustered: "{{ config(materialized='table', cluster_by=['region', 'id'], copy_grants=true) }}\nselect 1 as id, 'west' as region",
  secure_view: "{{ config(materialized='view', secure=true) }}\nselect id from {{ ref('default_table') }}",
  plain_view: "{{ config(materialized='view') }}\nselect id from {{ ref('default_table') }}",
  tagged: "{{ config(materialized='table', query_tag='nightly_marts') }}\nselect 2 as id",
  events_inc: "{{ config(materialized='incremental', unique_key='id') }}\nselect 1 as id, 'a' as v union all select 2 as id, 'b' as v",
};

/** The statements the runner logged for one node (`On <unique_id>: <sql>` lines of logs/dbt.log, in order). */
function statementsOf(log: string, model: string): string[] {
  const out: string[] = [];
  const marker = `On model.sf_configs.${model}: `;
  for (const entry of log.split(/\n(?=\d{4}-\d\d-\d\d )/u)) {
    const at = entry.indexOf(marker);
    if (at >= 0) out.push(entry.slice(at + marker.length).trim());
  }
  return out;
}

describe('Snowflake model configs reach the SQL the runner sends (against the stand-in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-configs-'));
  let standIn: SnowflakeStandIn;
  const log = () => readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_configs\nversion: "1.0"\nconfig-version: 2\nprofile: sf_configs\n');
    writeFileSync(join(dir, 'profiles.yml'), [
      'sf_configs:', '  target: snowflake', '  outputs:', '    snowflake:', '      type: snowflake', '      account: standin', '      user: tsdbt',
      '      password: pw', '      database: cfg', '      warehouse: wh', '      schema: analytics', '      threads: 1', '      query_tag: from_profile',
      '      host: 127.0.0.1', `      port: ${standIn.port}`, '      protocol: http', ''].join('\n'));
    for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { dir });
  });

  it('builds transient tables by default, permanent ones with transient: false, cluster_by, copy_grants and secure views', async () => {
    const r = await runTsdbt(dir, ['run']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const text = log();
    const create = (model: string) => statementsOf(text, model).find((s) => s.startsWith('create or replace')) ?? '';
    expect(create('default_table')).toMatch(/^create or replace transient table cfg\.analytics\.DEFAULT_TABLE__dbt_tmp as/u);
    expect(create('permanent')).toMatch(/^create or replace table cfg\.analytics\.PERMANENT__dbt_tmp as/u);
    expect(create('clustered')).toMatch(/^create or replace transient table cfg\.analytics\.CLUSTERED__dbt_tmp\n {2}cluster by \(region, id\) copy grants as \(/u);
    expect(create('clustered')).toContain('order by (region, id)');
    expect(create('secure_view')).toMatch(/^create or replace secure view cfg\.analytics\.SECURE_VIEW as/u);
    expect(create('plain_view')).toMatch(/^create or replace view cfg\.analytics\.PLAIN_VIEW as/u);
  });

  it("tags a model's statements with its query_tag and gives the session back the profile's tag after", async () => {
    const tagged = statementsOf(log(), 'tagged');
    expect(tagged[0]).toBe("alter session set query_tag = 'nightly_marts'");
    expect(tagged.at(-1)).toBe("alter session set query_tag = 'from_profile'");
    expect(tagged.some((s) => s.startsWith('create or replace transient table'))).toBe(true);
    expect(statementsOf(log(), 'default_table').some((s) => s.includes('query_tag'))).toBe(false);
  });

  it('an incremental model with a unique_key and no strategy merges (dbt-snowflake default)', async () => {
    const r = await runTsdbt(dir, ['run', '--select', 'events_inc']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const statements = statementsOf(log(), 'events_inc');
    expect(statements.some((s) => s.startsWith('merge into cfg.analytics.EVENTS_INC as DBT_INTERNAL_DEST'))).toBe(true);
    expect(statements.some((s) => s.startsWith('delete from'))).toBe(false);
  });
});
