import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../src/duckdb-dialect.js';

const d = new DuckDbDialect();
const rel = { database: 'dev', schema: 'main', identifier: 'sessions' };

describe('DuckDB dialect: microbatch SQL, as dbt-duckdb writes it', () => {
  it('deletes one batch window on the event time cast to a timestamp', () => {
    expect(d.microbatchDelete(rel, 'event_time', '2024-01-01 00:00:00+00:00', '2024-01-02 00:00:00+00:00')).toBe(
      `delete from "dev"."main"."sessions"\nwhere (\n  cast(event_time as TIMESTAMP) >= '2024-01-01 00:00:00+00:00'\n  and cast(event_time as TIMESTAMP) < '2024-01-02 00:00:00+00:00'\n)`,
    );
  });

  it('filters an input to the batch in an aliased subquery', () => {
    expect(d.eventTimeFiltered('"dev"."main"."events"', 'events', 'occurred_at', '2024-01-01 00:00:00+00:00', '2024-01-02 00:00:00+00:00')).toBe(
      `(select * from "dev"."main"."events" where occurred_at >= '2024-01-01 00:00:00+00:00' and occurred_at < '2024-01-02 00:00:00+00:00') _dbt_et_filter_subq_events`,
    );
  });
});
