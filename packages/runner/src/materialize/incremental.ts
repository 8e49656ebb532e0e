import { TsdbtError } from '@tsdbt/core';
import type { RelationRef } from '@tsdbt/core';
import { nodeRelation } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { applyStaged, type StagingKind } from './apply-staged.js';
import { withNodeHooks } from './hooks.js';
import { materializeMicrobatch } from './microbatch.js';
import { stagingKind } from './staging-kind.js';
import { buildAndSwap } from './table.js';

const STRATEGIES = new Set(['append', 'merge', 'delete+insert', 'microbatch']);

export function uniqueKeyList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** dbt's `merge_update_columns` / `merge_exclude_columns`: which columns a matched row gets updated. */
function mergeUpdateColumns(config: Record<string, unknown>, columns: string[]): string[] | undefined {
  const only = uniqueKeyList(config.merge_update_columns).map((c) => c.toLowerCase());
  const except = uniqueKeyList(config.merge_exclude_columns).map((c) => c.toLowerCase());
  if (!only.length && !except.length) return undefined;
  return columns.filter((c) => (!only.length || only.includes(c.toLowerCase())) && !except.includes(c.toLowerCase()));
}

/** dbt's incremental: full build the first time (or on --full-refresh), else new rows through the strategy. */
export async function materializeIncremental(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const rel = nodeRelation(node, ctx.target, dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const uniqueKey = uniqueKeyList(node.config.unique_key);
  // The adapter's default with a unique key (dbt-duckdb: delete+insert; dbt-snowflake: merge), append without one.
  const strategy = node.config.incremental_strategy ?? (uniqueKey.length ? (dialect.defaultIncrementalStrategy ?? 'delete+insert') : 'append');
  if (!STRATEGIES.has(strategy)) {
    throw new TsdbtError('TSDBT_INCREMENTAL_STRATEGY', `Unknown incremental_strategy '${strategy}' (known: ${[...STRATEGIES].join(', ')})`, {
      file: node.original_file_path,
    });
  }
  // dbt-snowflake picks (and checks) the staging kind before it branches: a bad tmp_relation_type fails every run.
  const staging = stagingKind(ctx, strategy, uniqueKey);
  if (strategy === 'microbatch') return materializeMicrobatch(ctx);
  const existing = await ctx.relations.get(conn, rel);
  const fullRefresh = node.config.full_refresh ?? ctx.fullRefresh;
  if (!existing || existing === 'view' || fullRefresh) {
    const sql = await ctx.compile({ isIncremental: false });
    await withNodeHooks(ctx, rel, () => buildAndSwap(ctx, rel, sql));
    return { message: 'OK', compiledCode: sql };
  }
  const sql = await ctx.compile({ isIncremental: true });
  await withNodeHooks(ctx, rel, () => applyIncrement(ctx, rel, sql, strategy, uniqueKey, staging));
  return { message: 'OK', compiledCode: sql };
}

/** Stage the new rows, then apply them through the strategy in one transaction. */
function applyIncrement(ctx: NodeContext, rel: RelationRef, sql: string, strategy: string, uniqueKey: string[], staging: StagingKind): Promise<void> {
  const { dialect, node } = ctx;
  return applyStaged(
    ctx,
    rel,
    sql,
    ({ staged, columns, select }) =>
      strategy === 'merge'
        ? [dialect.merge({ target: rel, source: staged, uniqueKey, columns, updateColumns: mergeUpdateColumns(node.config, columns) })]
        : strategy === 'delete+insert' && uniqueKey.length
          ? [dialect.deleteWhereKeyIn(rel, staged, uniqueKey), dialect.insertInto(rel, columns, select)]
          : [dialect.insertInto(rel, columns, select)],
    staging,
  );
}
