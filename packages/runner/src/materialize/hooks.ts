import type { Hook, RelationRef } from '@tsdbt/core';
import type { NodeContext } from '../types.js';

/** Run a node's pre- or post-hooks in order, rendered in the node's context (dbt renders hooks at run time). */
export async function runNodeHooks(ctx: NodeContext, hooks: Hook[] | undefined): Promise<void> {
  for (const hook of hooks ?? []) {
    const sql = (await ctx.render(hook.sql)).trim();
    if (sql) await ctx.conn.execute(sql);
  }
}

/**
 * dbt's hook order around a node's build: hooks with `transaction: false` (`before_begin`) first; then the other
 * pre-hooks, the build and the other post-hooks, in one transaction where DDL is transactional, so a failing hook
 * rolls the build back (dbt runs hooks inside the model's transaction by default); then the `after_commit` hooks.
 * Without hooks inside, no transaction is opened here: the build's own statements keep their own atomicity.
 */
export async function withNodeHooks<T>(ctx: NodeContext, rel: RelationRef, build: () => Promise<T>): Promise<T> {
  const pre = ctx.node.config.pre_hook ?? [];
  const post = ctx.node.config.post_hook ?? [];
  const insidePre = pre.filter((h) => h.transaction);
  const insidePost = post.filter((h) => h.transaction);
  await runNodeHooks(ctx, pre.filter((h) => !h.transaction));
  const inside = async (): Promise<T> => {
    await runNodeHooks(ctx, insidePre);
    const out = await build();
    await runNodeHooks(ctx, insidePost);
    return out;
  };
  let out: T;
  if (ctx.dialect.capabilities.transactionalDdl && (insidePre.length || insidePost.length)) {
    try {
      out = await ctx.conn.transaction(inside);
    } catch (error) {
      // Rolled back: what the build recorded in the relation cache may not be there.
      await ctx.relations.forget(rel);
      throw error;
    }
  } else {
    out = await inside();
  }
  await runNodeHooks(ctx, post.filter((h) => !h.transaction));
  return out;
}
