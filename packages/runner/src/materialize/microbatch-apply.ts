import type { RelationRef, RenderRuntime } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import { applyStaged } from './apply-staged.js';

/**
 * One incremental batch, as dbt-duckdb and dbt-snowflake write microbatch: the batch's rows staged in a temp table,
 * then `delete` of the batch window from the target and `insert` of the staged rows in one transaction.
 */
export function applyMicrobatch(ctx: NodeContext, rel: RelationRef, sql: string, batch: NonNullable<RenderRuntime['batch']>): Promise<void> {
  const { dialect, node } = ctx;
  return applyStaged(ctx, rel, sql, ({ columns, select }) => [
    dialect.microbatchDelete(rel, String(node.config.event_time), batch.eventTimeStart, batch.eventTimeEnd),
    dialect.insertInto(rel, columns, select),
  ]);
}
