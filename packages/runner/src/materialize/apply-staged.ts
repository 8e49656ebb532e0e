import type { RelationRef } from '@tsdbt/core';
import type { NodeContext } from '../types.js';
import { assertContract, contractEnforced } from './contract.js';
import { applySchemaChange } from './schema-change.js';

/** What a strategy gets to write its statements: the staged rows' relation, their columns, and a select of them. */
export interface Staged {
  staged: RelationRef;
  columns: string[];
  select: string;
}

/** What holds the staged rows: a temporary table (a snapshot of them), or a temporary view (the query itself). */
export type StagingKind = 'table' | 'view';

/** Statements that make up one main statement, as dbt writes delete+insert: `delete …;\ninsert …`. */
export function mainSql(statements: string[]): string {
  return statements.join(';\n');
}

/**
 * An incremental step as dbt writes it: the new rows staged in a session-temporary `<model>__dbt_tmp` (the contract
 * checked on them first, so drifted SQL adds nothing; on_schema_change applied off the staged columns), then the
 * strategy's statements in one transaction, so the target is never half-written. The staged relation is dropped
 * either way, and a run killed mid-step leaves nothing behind: it dies with the connection.
 */
export async function applyStaged(ctx: NodeContext, rel: RelationRef, sql: string, statementsFor: (s: Staged) => string[], kind: StagingKind = 'table'): Promise<void> {
  const { conn, dialect, node } = ctx;
  const staged = dialect.temporaryRelation(rel, '__dbt_tmp');
  if (contractEnforced(node)) await assertContract(ctx, sql);
  // `create or replace`: a staged relation this connection left behind (a failed drop) is replaced, never reused.
  await conn.execute(kind === 'view' ? dialect.createViewAs(staged, sql, { temporary: true }) : dialect.createTableAs(staged, sql, { temporary: true }));
  try {
    const columns = await applySchemaChange(ctx, rel, staged);
    const select = `select ${columns.map((c) => dialect.quote(c)).join(', ')} from ${dialect.renderRelation(staged)}`;
    const statements = statementsFor({ staged, columns, select });
    ctx.main?.(mainSql(statements));
    await conn.transaction(async (c) => {
      for (const s of statements) await c.execute(s);
    });
  } finally {
    await conn.execute(dialect.dropRelation(staged, kind)).catch(() => undefined);
  }
}
