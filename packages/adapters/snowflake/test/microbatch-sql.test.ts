import { describe, expect, it } from 'vitest';
import { SnowflakeDialect } from '../src/snowflake-dialect.js';

const d = new SnowflakeDialect();
const rel = { database: 'analytics_db', schema: 'analytics', identifier: 'sessions' };

describe('Snowflake dialect: microbatch SQL, as dbt-snowflake writes it', () => {
  it('deletes one batch window from the aliased target against to_timestamp_tz bounds', () => {
    expect(d.microbatchDelete(rel, 'event_time', '2024-01-01 00:00:00+00:00', '2024-01-02 00:00:00+00:00')).toBe(
      `delete from analytics_db.analytics.sessions DBT_INTERNAL_TARGET\nwhere (\n  DBT_INTERNAL_TARGET.event_time >= to_timestamp_tz('2024-01-01 00:00:00+00:00')\n  and DBT_INTERNAL_TARGET.event_time < to_timestamp_tz('2024-01-02 00:00:00+00:00')\n)`,
    );
  });

  it('filters an input to the batch in a subquery without an alias (require_alias = False)', () => {
    expect(d.eventTimeFiltered('raw.events', 'events', 'occurred_at', '2024-01-01 00:00:00+00:00', '2024-01-02 00:00:00+00:00')).toBe(
      `(select * from raw.events where occurred_at >= '2024-01-01 00:00:00+00:00' and occurred_at < '2024-01-02 00:00:00+00:00')`,
    );
  });
});
