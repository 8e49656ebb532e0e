import { nodeRelation } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { assertContract, contractEnforced } from './contract.js';
import { viewOptions } from './create-options.js';
import { withNodeHooks } from './hooks.js';

/** `create or replace view`; a table in the way is dropped in the same transaction, so readers never see a gap. */
export async function materializeView(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const rel = nodeRelation(node, ctx.target, dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const sql = await ctx.compile();
  await withNodeHooks(ctx, rel, async () => {
    // dbt checks a view's contract (names and types); its constraints are not applied to a view.
    if (contractEnforced(node)) await assertContract(ctx, sql);
    const existing = await ctx.relations.get(conn, rel);
    const create = dialect.createViewAs(rel, sql, viewOptions(node.config));
    const statements = existing && existing !== 'view' ? [dialect.dropRelation(rel, existing), create] : [create];
    ctx.main?.(create);
    await inTransaction(ctx, statements);
    await ctx.relations.set(rel, 'view');
  });
  return { message: 'OK', compiledCode: sql };
}

/** Run statements in one transaction where DDL is transactional, one by one otherwise. */
export async function inTransaction(ctx: NodeContext, statements: string[]): Promise<void> {
  const run = async (): Promise<void> => {
    for (const sql of statements) await ctx.conn.execute(sql);
  };
  if (ctx.dialect.capabilities.transactionalDdl && statements.length > 1) await ctx.conn.transaction(run);
  else await run();
}
