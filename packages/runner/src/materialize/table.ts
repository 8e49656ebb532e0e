import type { RelationRef } from '@tsdbt/core';
import { nodeRelation, withSuffix } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { tableOptions } from './create-options.js';
import { withNodeHooks } from './hooks.js';
import { inTransaction } from './view.js';

/**
 * Fill `<name>__dbt_tmp` (`fill` creates it), then swap it in (one transaction where DDL is transactional): a failed
 * build leaves the old relation as it was, and a reader never sees it missing or half-built.
 */
export async function stageAndSwap(ctx: NodeContext, rel: RelationRef, fill: (staged: RelationRef) => Promise<void>): Promise<void> {
  const { conn, dialect } = ctx;
  const staged = withSuffix(rel, '__dbt_tmp');
  await conn.execute(dialect.dropRelation(staged, 'table'));
  try {
    await fill(staged);
    const existing = await ctx.relations.get(conn, rel);
    await inTransaction(ctx, dialect.swapRelation(staged, rel, existing));
    await ctx.relations.set(rel, 'table');
  } catch (error) {
    await conn.execute(dialect.dropRelation(staged, 'table')).catch(() => undefined);
    throw error;
  }
}

/** Build `sql` as a table under a temporary name and swap it in. */
export function buildAndSwap(ctx: NodeContext, rel: RelationRef, sql: string): Promise<void> {
  return stageAndSwap(ctx, rel, async (staged) => {
    const create = ctx.dialect.createTableAs(staged, sql, tableOptions(ctx.node.config));
    ctx.main?.(create);
    await ctx.conn.execute(create);
  });
}

export async function materializeTable(ctx: NodeContext): Promise<MaterializeOutcome> {
  const rel = nodeRelation(ctx.node, ctx.target, ctx.dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const sql = await ctx.compile();
  await withNodeHooks(ctx, rel, () => buildAndSwap(ctx, rel, sql));
  return { message: 'OK', compiledCode: sql };
}
