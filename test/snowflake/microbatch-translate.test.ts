import { describe, expect, it } from 'vitest';
import { translate } from '../stand-ins/snowflake/translate.mjs';

const t = (sql: string): string => translate(sql, {});

// The timestamp literals dbt-snowflake's microbatch SQL and its adapter tests send, as DuckDB reads them.
describe('Snowflake stand-in: microbatch timestamps', () => {
  it("keeps dbt-snowflake's batch bounds as they are: to_timestamp_tz over a ±HH:MM offset", () => {
    expect(t("delete from d.s.t DBT_INTERNAL_TARGET where (DBT_INTERNAL_TARGET.event_time >= to_timestamp_tz('2024-01-01 00:00:00+00:00'))")).toBe(
      "DELETE FROM D.S.T DBT_INTERNAL_TARGET WHERE (DBT_INTERNAL_TARGET.EVENT_TIME >= CAST('2024-01-01 00:00:00+00:00' AS TIMESTAMPTZ))",
    );
  });

  it('writes a one-digit or four-digit offset the way DuckDB parses it', () => {
    expect(t("select to_timestamp_tz('2020-01-01 00:00:00-0')")).toBe("SELECT CAST('2020-01-01 00:00:00-00:00' AS TIMESTAMPTZ)");
    expect(t("select to_timestamp_ltz('2020-01-01 10:00:00.5 +0530')")).toBe("SELECT CAST('2020-01-01 10:00:00.5+05:30' AS TIMESTAMPTZ)");
    expect(t("select try_to_timestamp('2020-01-01T10:00:00+1')")).toBe("SELECT TRY_CAST('2020-01-01T10:00:00+01:00' AS TIMESTAMP)");
  });

  it('leaves other strings and formatted calls alone', () => {
    expect(t("select to_varchar('2020-01-01 00:00:00-0'), to_timestamp_tz(s), to_date('2020-01-01')")).toBe(
      "SELECT CAST('2020-01-01 00:00:00-0' AS VARCHAR), CAST(S AS TIMESTAMPTZ), CAST('2020-01-01' AS DATE)",
    );
  });
});
