import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '@tsdbt/adapter-duckdb';
import { SnowflakeDialect } from '@tsdbt/adapter-snowflake';
import type { Dialect } from '@tsdbt/core';
import { stagingKind } from '../../packages/runner/src/materialize/staging-kind.js';
import type { NodeContext } from '../../packages/runner/src/types.js';

const ctx = (dialect: Dialect, config: Record<string, unknown> = {}) =>
  ({ dialect, node: { name: 'm', original_file_path: 'models/m.sql', config } }) as unknown as NodeContext;

// dbt-snowflake's dbt_snowflake_get_tmp_relation_type; dbt-duckdb always stages a temporary table.
describe('what an incremental step stages its rows in', () => {
  const sf = new SnowflakeDialect();

  it('Snowflake: a view for one statement, a table for delete+insert or microbatch by key', () => {
    expect(stagingKind(ctx(sf), 'merge', ['id'])).toBe('view');
    expect(stagingKind(ctx(sf), 'append', [])).toBe('view');
    expect(stagingKind(ctx(sf), 'delete+insert', [])).toBe('view');
    expect(stagingKind(ctx(sf), 'microbatch', [])).toBe('view');
    expect(stagingKind(ctx(sf), 'delete+insert', ['id'])).toBe('table');
    expect(stagingKind(ctx(sf), 'microbatch', ['id'])).toBe('table');
  });

  it("Snowflake: the model's tmp_relation_type picks, but never a view for a delete by key", () => {
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'table' }), 'merge', ['id'])).toBe('table');
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'transient' }), 'append', [])).toBe('table');
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'view' }), 'delete+insert', [])).toBe('view');
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'transient' }), 'delete+insert', ['id'])).toBe('table');
    expect(() => stagingKind(ctx(sf, { tmp_relation_type: 'view' }), 'delete+insert', ['id'])).toThrow(/only supports `table` or `transient` for `tmp_relation_type` but view/u);
    expect(() => stagingKind(ctx(sf, { tmp_relation_type: 'view' }), 'microbatch', ['id'])).toThrow(expect.objectContaining({ code: 'TSDBT_TMP_RELATION_TYPE' }));
  });

  it('Snowflake: an unknown tmp_relation_type is ignored (the default), except for a delete by key, as dbt-snowflake does', () => {
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'temp' }), 'merge', ['id'])).toBe('view');
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'temp' }), 'append', [])).toBe('view');
    expect(stagingKind(ctx(sf, { tmp_relation_type: 'temp' }), 'delete+insert', [])).toBe('view');
    expect(() => stagingKind(ctx(sf, { tmp_relation_type: 'temp' }), 'delete+insert', ['id'])).toThrow(/but temp was specified/u);
  });

  it('DuckDB: always a temporary table, whatever tmp_relation_type says', () => {
    const duck = new DuckDbDialect();
    expect(stagingKind(ctx(duck), 'merge', ['id'])).toBe('table');
    expect(stagingKind(ctx(duck, { tmp_relation_type: 'view' }), 'append', [])).toBe('table');
  });
});
