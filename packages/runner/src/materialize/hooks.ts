import type { Hook } from '@tsdbt/core';
import type { NodeContext } from '../types.js';

/** Run a node's pre- or post-hooks in order, rendered in the node's context (dbt renders hooks at run time). */
export async function runNodeHooks(ctx: NodeContext, hooks: Hook[] | undefined): Promise<void> {
  for (const hook of hooks ?? []) {
    const sql = (await ctx.render(hook.sql)).trim();
    if (sql) await ctx.conn.execute(sql);
  }
}
