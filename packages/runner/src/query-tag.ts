import type { NodeContext } from './types.js';

/**
 * dbt-snowflake's `query_tag` per node: the session is tagged before the node's statements (hooks included) and
 * given back its own tag after, whether the node succeeded or not. Only where the dialect has query tags.
 */
export async function withQueryTag<T>(ctx: Pick<NodeContext, 'conn' | 'dialect' | 'node'>, run: () => Promise<T>): Promise<T> {
  const tag = ctx.node.config.query_tag;
  const { dialect, conn } = ctx;
  if (!dialect.setQueryTag || tag === undefined || tag === null || tag === '') return run();
  await conn.execute(dialect.setQueryTag(String(tag)));
  const restore = dialect.setQueryTag(null);
  let result: T;
  try {
    result = await run();
  } catch (error) {
    // The node's own error is the one to report; a failed restore must not replace it.
    await conn.execute(restore).catch(() => undefined);
    throw error;
  }
  await conn.execute(restore);
  return result;
}
