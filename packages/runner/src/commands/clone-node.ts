import { TsdbtError, type Manifest, type ManifestNode, type RelationRef } from '@tsdbt/core';
import { withNodeHooks } from '../materialize/hooks.js';
import { inTransaction } from '../materialize/view.js';
import { tableOptions, viewOptions } from '../materialize/create-options.js';
import { nodeRelation } from '../node-relation.js';
import type { TaskContext } from '../task-context.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';

/** dbt's NodeType.refable(): the state nodes that have a relation to clone. */
const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** What dbt's clone materialization returns when it leaves the node alone (no `main` statement ran). */
const NO_OP: MaterializeOutcome = { message: 'No-op' };

/** The `--state` node of the same unique_id that names a relation (dbt's `defer_relation`), if any. */
export function stateCounterpart(state: Manifest | undefined, uniqueId: string): ManifestNode | undefined {
  const other = state?.nodes?.[uniqueId];
  if (!other || !REFABLE.has(other.resource_type) || other.config?.materialized === 'ephemeral') return undefined;
  return other;
}

const sameRelation = (a: RelationRef, b: RelationRef): boolean =>
  `${a.database ?? ''}.${a.schema}.${a.identifier}`.toLowerCase() === `${b.database ?? ''}.${b.schema}.${b.identifier}`.toLowerCase();

/**
 * dbt's `clone` materialization for one node: nothing when `--state` has no counterpart or the relation already exists
 * here (unless --full-refresh); a zero-copy clone where the warehouse can clone tables and the state's relation is a
 * table (no hooks); otherwise a `select *` view over the state's relation, with the node's hooks around it.
 */
export async function cloneNode(ctx: NodeContext, task: Pick<TaskContext, 'state' | 'emit' | 'log'>): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const note = (message: string): void => {
    task.log.write('info', message);
    task.emit({ kind: 'info', message });
  };
  const other = stateCounterpart(task.state, node.unique_id);
  if (!other) {
    note(`No relation found in state manifest for ${node.unique_id}`);
    return NO_OP;
  }
  const rel = nodeRelation(node, ctx.target, dialect);
  // A hand-made or truncated state manifest: say which node lacks what, not a JavaScript TypeError.
  const named = [other.alias, other.identifier, other.name].some((v) => typeof v === 'string' && v !== '');
  if (!named || (typeof other.schema !== 'string' && typeof other.relation_name !== 'string')) {
    throw new TsdbtError('TSDBT_STATE_INVALID', `The state manifest's ${node.unique_id} names no relation (it needs an alias or name, and a schema or relation_name).`, {
      hint: 'Point --state at the target/ folder of a complete dbt or tsdbt run (its manifest.json as written).',
    });
  }
  const source = nodeRelation(other, ctx.target, dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const existing = await ctx.relations.get(conn, rel);
  // The same relation in both targets (a snapshot's fixed target_schema): replacing it would clone it from itself.
  if (existing && (!ctx.fullRefresh || sameRelation(rel, source))) {
    note(`Relation ${dialect.renderRelation(rel)} already exists`);
    return NO_OP;
  }
  const sourceType = await ctx.relations.get(conn, source);
  const drop = (keep: string) => (existing && existing !== keep ? [dialect.dropRelation(rel, existing)] : []);
  if (sourceType === 'table' && dialect.cloneTable) {
    const sql = dialect.cloneTable(rel, source, tableOptions(node.config));
    ctx.main?.(sql);
    await inTransaction(ctx, [...drop('table'), sql]);
    await ctx.relations.set(rel, 'table');
    return { message: 'OK' };
  }
  // dbt's pointer view reads the state node's relation_name as the state run rendered it. dbt hands this case to the
  // view materialization, which runs the node's pre- and post-hooks (the zero-copy clone above runs none).
  const sql = dialect.createViewAs(rel, `select * from ${other.relation_name ?? dialect.renderRelation(source)}`, viewOptions(node.config));
  await withNodeHooks(ctx, rel, async () => {
    ctx.main?.(sql);
    await inTransaction(ctx, [...drop('view'), sql]);
    await ctx.relations.set(rel, 'view');
  });
  return { message: 'OK' };
}
