import type { RelationRef, RenderRuntime } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import { applyStaged } from './apply-staged.js';
import { uniqueKeyList } from './incremental.js';
import { stagingKind } from './staging-kind.js';

/**
 * One incremental batch, as dbt-duckdb and dbt-snowflake write microbatch: the batch's rows staged in a temp table
 * (dbt-snowflake: a temporary view when the model has no unique key),
 * then `delete` of the batch window from the target and `insert` of the staged rows in one transaction.
 */
export function applyMicrobatch(ctx: NodeContext, rel: RelationRef, sql: string, batch: NonNullable<RenderRuntime['batch']>): Promise<void> {
  const { dialect, node } = ctx;
  return applyStaged(
    ctx,
    rel,
    sql,
    ({ columns, select }) => [
      dialect.microbatchDelete(rel, String(node.config.event_time), batch.eventTimeStart, batch.eventTimeEnd),
      dialect.insertInto(rel, columns, select),
    ],
    stagingKind(ctx, 'microbatch', uniqueKeyList(node.config.unique_key)),
  );
}
