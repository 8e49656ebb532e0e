import { TsdbtError } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import type { StagingKind } from './apply-staged.js';

/**
 * dbt-snowflake's `dbt_snowflake_get_tmp_relation_type`: one statement (merge, append, or delete+insert / microbatch
 * without a unique key) may read the model's query through a temporary view; a delete then insert by key must read
 * the same rows twice, so those stage a temporary table. A model's `tmp_relation_type` picks, where the warehouse
 * stages views at all (dbt-duckdb always stages a temporary table and ignores the setting).
 */
export function stagingKind(ctx: NodeContext, strategy: string, uniqueKey: string[]): StagingKind {
  if (!ctx.dialect.capabilities.temporaryViewStaging) return 'table';
  const { node } = ctx;
  const configured = node.config.tmp_relation_type as unknown;
  const byKey = (strategy === 'delete+insert' || strategy === 'microbatch') && uniqueKey.length > 0;
  if (configured === undefined || configured === null) return byKey ? 'table' : 'view';
  // `transient` (a newer dbt-snowflake option) stages a table too; here it stays session-temporary.
  if (configured === 'table' || configured === 'transient') return 'table';
  if (configured !== 'view') {
    throw new TsdbtError('TSDBT_TMP_RELATION_TYPE', `Unknown tmp_relation_type '${String(configured)}' for '${node.name}' (known: table, view, transient)`, { file: node.original_file_path });
  }
  if (byKey) {
    throw new TsdbtError(
      'TSDBT_TMP_RELATION_TYPE',
      `In order to maintain consistent results when \`unique_key\` is not none, the \`${strategy}\` strategy only supports \`table\` for \`tmp_relation_type\` but view was specified.`,
      { file: node.original_file_path },
    );
  }
  return 'view';
}
