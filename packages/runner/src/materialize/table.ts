import type { RelationRef } from '@tsdbt/core';
import { nodeRelation, withSuffix } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { assertContract, contractEnforced, resolveForeignKeys, warnConstraints } from './contract.js';
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

/**
 * Build `sql` as a table under a temporary name and swap it in. An enforced contract is checked first (a mismatch
 * builds nothing), then the table is created with the contract's columns and constraints and filled: a row that
 * breaks a constraint fails the build and the old table stays.
 */
export async function buildAndSwap(ctx: NodeContext, rel: RelationRef, sql: string): Promise<void> {
  const contract = contractEnforced(ctx.node) ? await resolveForeignKeys(ctx, await assertContract(ctx, sql)) : undefined;
  if (contract) warnConstraints(ctx, contract);
  return stageAndSwap(ctx, rel, async (staged) => {
    const options = tableOptions(ctx.node.config);
    const statements = contract ? ctx.dialect.createContractTable(staged, contract, sql, options) : [ctx.dialect.createTableAs(staged, sql, options)];
    ctx.main?.(statements.join(';\n'));
    for (const s of statements) await ctx.conn.execute(s);
  });
}

export async function materializeTable(ctx: NodeContext): Promise<MaterializeOutcome> {
  const rel = nodeRelation(ctx.node, ctx.target, ctx.dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const sql = await ctx.compile();
  await withNodeHooks(ctx, rel, () => buildAndSwap(ctx, rel, sql));
  return { message: 'OK', compiledCode: sql };
}
