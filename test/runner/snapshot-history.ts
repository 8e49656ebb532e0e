// Shared by the DuckDB and Snowflake snapshot-time tests: a source whose rows change and disappear between two
// snapshot runs, snapshots over it with each strategy and hard-delete mode, and the check that history is gapless.

/** `n` rows; `bump` changes every row's v and ts, so both strategies see a change. */
export const SOURCE =
  "{{ config(materialized='table') }}\n{% for i in range(var('n', 4)) %}select {{ i }} as id, {{ i * 10 + var('bump', 0) }} as v, " +
  "cast('2024-01-0{{ 1 + var('bump', 0) }} 00:00:00' as timestamp) as ts{% if not loop.last %}\nunion all\n{% endif %}{% endfor %}";

const snapshot = (name: string, config: string) =>
  `{% snapshot ${name} %}\n{{ config(target_schema=var('snap_schema'), unique_key='id', ${config}) }}\nselect id, v, ts from {{ ref('src') }}\n{% endsnapshot %}\n`;

export const SNAPSHOTS: Record<string, string> = {
  snap_check: snapshot('snap_check', "strategy='check', check_cols=['v']"),
  snap_check_new_record: snapshot('snap_check_new_record', "strategy='check', check_cols='all', hard_deletes='new_record'"),
  snap_check_invalidate: snapshot('snap_check_invalidate', "strategy='check', check_cols=['v'], hard_deletes='invalidate'"),
  snap_ts_new_record: snapshot('snap_ts_new_record', "strategy='timestamp', updated_at='ts', hard_deletes='new_record'"),
};

/** Rows read as `select id, valid_from, valid_to, is_deleted … order by id, valid_from` (times as text). */
export type HistoryRow = [unknown, unknown, unknown, unknown];

export const historySql = (relation: string, deleted: boolean) =>
  `select id, cast(dbt_valid_from as varchar), cast(dbt_valid_to as varchar), ${deleted ? 'dbt_is_deleted' : "'n/a'"} from ${relation} order by id, dbt_valid_from`;

/** Each key's successive versions, `[valid_to of the closed one, valid_from of the next]`: equal when history is gapless. */
export function versionSeams(rows: HistoryRow[]): Array<{ id: unknown; closedAt: unknown; nextFrom: unknown }> {
  const out: Array<{ id: unknown; closedAt: unknown; nextFrom: unknown }> = [];
  for (let i = 1; i < rows.length; i++) {
    const [prevId, , prevTo] = rows[i - 1]!;
    const [id, from] = rows[i]!;
    if (prevId === id) out.push({ id, closedAt: prevTo, nextFrom: from });
  }
  return out;
}
