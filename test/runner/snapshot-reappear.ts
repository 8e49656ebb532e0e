// Shared by the DuckDB and Snowflake tests of hard_deletes: new_record when a deleted key comes back: the source
// holds keys 1 and 2, then only 1, then both again; every run bumps the rows' `day` so both strategies see changes.

/** The keys in `var('ids')`, each row stamped with `var('day')`. */
export const REAPPEAR_SOURCE =
  "{{ config(materialized='table') }}\n{% for i in var('ids') %}select {{ i }} as id, {{ var('day') }} as v, " +
  "cast('2024-01-0{{ var('day') }} 00:00:00' as timestamp) as ts{% if not loop.last %}\nunion all\n{% endif %}{% endfor %}";

const snapshot = (name: string, config: string) =>
  `{% snapshot ${name} %}\n{{ config(target_schema=var('snap_schema'), unique_key='id', hard_deletes='new_record', ${config}) }}\nselect id, v, ts from {{ ref('src') }}\n{% endsnapshot %}\n`;

export const REAPPEAR_SNAPSHOTS: Record<string, string> = {
  snap_back_check: snapshot('snap_back_check', "strategy='check', check_cols=['v']"),
  snap_back_ts: snapshot('snap_back_ts', "strategy='timestamp', updated_at='ts'"),
};

/** The three runs: both keys, key 2 deleted, key 2 back. */
export const REAPPEAR_STEPS = ['{ids: [1, 2], day: 1}', '{ids: [1], day: 2}', '{ids: [1, 2], day: 3}'];

/** `[id, valid_from, valid_to, is_deleted]`, times as text, in history order. */
export type ReappearRow = [unknown, unknown, unknown, unknown];

export const reappearSql = (relation: string) =>
  `select id, cast(dbt_valid_from as varchar), cast(dbt_valid_to as varchar), dbt_is_deleted from ${relation} order by id, dbt_valid_from, dbt_valid_to nulls last`;

/** How many current rows (dbt_valid_to null) each key has. */
export function currentPerKey(rows: ReappearRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, , to] of rows) out[String(id)] = (out[String(id)] ?? 0) + (to === null ? 1 : 0);
  return out;
}
