import { TsdbtError } from '@tsdbt/core';
import type { RelationRef } from '@tsdbt/core';
import { nodeRelation, withSuffix } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { assertContract, contractEnforced } from './contract.js';
import { withNodeHooks } from './hooks.js';
import { applySchemaChange } from './schema-change.js';
import { materializeMicrobatch } from './microbatch.js';
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
  if (strategy === 'microbatch') return materializeMicrobatch(ctx);
  const existing = await ctx.relations.get(conn, rel);
  const fullRefresh = node.config.full_refresh ?? ctx.fullRefresh;
  if (!existing || existing === 'view' || fullRefresh) {
    const sql = await ctx.compile({ isIncremental: false });
    await withNodeHooks(ctx, rel, () => buildAndSwap(ctx, rel, sql));
    return { message: 'OK', compiledCode: sql };
  }
  const sql = await ctx.compile({ isIncremental: true });
  await withNodeHooks(ctx, rel, () => applyIncrement(ctx, rel, sql, strategy, uniqueKey));
  return { message: 'OK', compiledCode: sql };
}

/** Statements that make up one main statement, as dbt writes delete+insert: `delete …;\ninsert …`. */
export function mainSql(statements: string[]): string {
  return statements.join(';\n');
}

/** Stage the new rows, then apply them through the strategy in one transaction. */
async function applyIncrement(ctx: NodeContext, rel: RelationRef, sql: string, strategy: string, uniqueKey: string[]): Promise<void> {
  const { conn, dialect, node } = ctx;
  const staged = withSuffix(rel, '__dbt_tmp');
  // dbt-duckdb checks the contract on the new rows' temp table too: drifted SQL adds nothing.
  if (contractEnforced(node)) await assertContract(ctx, sql);
  await conn.execute(dialect.dropRelation(staged, 'table'));
  await conn.execute(dialect.createTableAs(staged, sql));
  try {
    const columns = await applySchemaChange(ctx, rel, staged);
    const select = `select ${columns.map((c) => dialect.quote(c)).join(', ')} from ${dialect.renderRelation(staged)}`;
    const statements =
      strategy === 'merge'
        ? [dialect.merge({ target: rel, source: staged, uniqueKey, columns, updateColumns: mergeUpdateColumns(node.config, columns) })]
        : strategy === 'delete+insert' && uniqueKey.length
          ? [dialect.deleteWhereKeyIn(rel, staged, uniqueKey), dialect.insertInto(rel, columns, select)]
          : [dialect.insertInto(rel, columns, select)];
    ctx.main?.(mainSql(statements));
    await conn.transaction(async (c) => {
      for (const s of statements) await c.execute(s);
    });
  } finally {
    await conn.execute(dialect.dropRelation(staged, 'table')).catch(() => undefined);
  }
}
