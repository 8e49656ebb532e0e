import { TsdbtError } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import type { StagingKind } from './apply-staged.js';

/** `tmp_relation_type` values that stage a table, which a delete then insert by key needs. */
const TABLES = new Set(['table', 'transient']);

/**
 * dbt-snowflake's `dbt_snowflake_get_tmp_relation_type`: one statement (merge, append, or delete+insert / microbatch
 * without a unique key) may read the model's query through a temporary view; a delete then insert by key must read
 * the same rows twice, so those stage a temporary table. A model's `tmp_relation_type` picks, where the warehouse
 * stages views at all (dbt-duckdb always stages a temporary table and ignores the setting).
 *
 * As there, any value but `table` or `transient` is an error for a delete then insert by key, and the materialization
 * asks before it branches, so the error comes on every run, the first and --full-refresh ones included. Elsewhere an
 * unknown value is ignored (the strategy's default), without a warning, as dbt-snowflake does.
 */
export function stagingKind(ctx: NodeContext, strategy: string, uniqueKey: string[]): StagingKind {
  if (!ctx.dialect.capabilities.temporaryViewStaging) return 'table';
  const { node } = ctx;
  const configured = node.config.tmp_relation_type as unknown;
  const byKey = (strategy === 'delete+insert' || strategy === 'microbatch') && uniqueKey.length > 0;
  const set = configured !== undefined && configured !== null;
  if (byKey && set && !TABLES.has(configured as string)) {
    throw new TsdbtError(
      'TSDBT_TMP_RELATION_TYPE',
      `In order to maintain consistent results when \`unique_key\` is not none, the \`${strategy}\` strategy only supports \`table\` or \`transient\` for \`tmp_relation_type\` but ${String(configured)} was specified.`,
      { file: node.original_file_path, hint: `set tmp_relation_type='table' on '${node.name}' (or leave it unset: a table is the default here)` },
    );
  }
  // `transient` (newer dbt-snowflake) stages a transient table; here it stays session-temporary, a table all the same.
  if (set && TABLES.has(configured as string)) return 'table';
  if (configured === 'view') return 'view';
  return byKey ? 'table' : 'view';
}
