import type { RelationRef, RenderRuntime } from '@tsdbt/core';
import { withSuffix } from '../node-relation.js';
import type { NodeContext } from '../types.js';
import { assertContract, contractEnforced } from './contract.js';
import { applySchemaChange } from './schema-change.js';

/**
 * One incremental batch, as dbt-duckdb and dbt-snowflake write microbatch: the batch's rows staged in a temp table,
 * then `delete` of the batch window from the target and `insert` of the staged rows in one transaction.
 */
export async function applyMicrobatch(ctx: NodeContext, rel: RelationRef, sql: string, batch: NonNullable<RenderRuntime['batch']>): Promise<void> {
  const { conn, dialect, node } = ctx;
  const staged = withSuffix(rel, '__dbt_tmp');
  if (contractEnforced(node)) await assertContract(ctx, sql);
  await conn.execute(dialect.dropRelation(staged, 'table'));
  await conn.execute(dialect.createTableAs(staged, sql));
  try {
    const columns = await applySchemaChange(ctx, rel, staged);
    const select = `select ${columns.map((c) => dialect.quote(c)).join(', ')} from ${dialect.renderRelation(staged)}`;
    const statements = [dialect.microbatchDelete(rel, String(node.config.event_time), batch.eventTimeStart, batch.eventTimeEnd), dialect.insertInto(rel, columns, select)];
    ctx.main?.(statements.join(';\n'));
    await conn.transaction(async (c) => {
      for (const s of statements) await c.execute(s);
    });
  } finally {
    await conn.execute(dialect.dropRelation(staged, 'table')).catch(() => undefined);
  }
}
