import { TsdbtError } from '@tsdbt/core';
import type { CreateOptions, Dialect, RelationRef } from '@tsdbt/core';
import { nodeRelation } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { tableOptions } from './create-options.js';
import { withNodeHooks } from './hooks.js';
import { mainSql } from './apply-staged.js';
import { uniqueKeyList } from './incremental.js';

interface Plan {
  keys: string[];
  /** SQL expression, over the source alias `s`, for the row's version time. */
  updatedAt: string;
  /** Condition, over `s` (source) and `t` (current snapshot row), that the row changed. */
  changed: string;
  hardDeletes: string;
  /** dbt_valid_to of current rows: NULL, or dbt 1.9's `dbt_valid_to_current` expression. */
  validToCurrent: string;
  /** Condition, over the snapshot alias `t`, that a row is its key's current version. */
  isCurrent: string;
  /** dbt's `snapshot_get_time()` for this warehouse. */
  now: string;
}

/** dbt 1.9's `dbt_valid_to_current`: current rows carry that value (say a far-future date) instead of NULL. */
function validTo(value: unknown): Pick<Plan, 'validToCurrent' | 'isCurrent'> {
  if (value === undefined || value === null || String(value).trim() === '') return { validToCurrent: 'cast(null as timestamp)', isCurrent: 't.dbt_valid_to is null' };
  const current = `cast(${String(value).trim()} as timestamp)`;
  // Rows written before the setting keep their NULL: dbt treats both as current.
  return { validToCurrent: current, isCurrent: `(t.dbt_valid_to = ${current} or t.dbt_valid_to is null)` };
}

const META = ['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to', 'dbt_is_deleted'];

function planFor(ctx: NodeContext, columns: string[]): Plan {
  const { node, dialect } = ctx;
  const c = node.config;
  const keys = uniqueKeyList(c.unique_key);
  const file = node.original_file_path;
  if (!keys.length) throw new TsdbtError('TSDBT_SNAPSHOT_CONFIG', `Snapshot '${node.name}' needs a unique_key`, { file });
  const hardDeletes = c.hard_deletes ?? (c.invalidate_hard_deletes ? 'invalidate' : 'ignore');
  const now = dialect.snapshotTime();
  if (c.strategy === 'timestamp') {
    if (!c.updated_at) throw new TsdbtError('TSDBT_SNAPSHOT_CONFIG', `Snapshot '${node.name}' uses the timestamp strategy and needs updated_at`, { file });
    const u = `s.${dialect.quote(c.updated_at)}`;
    return { keys, updatedAt: u, changed: `${u} > t.dbt_updated_at`, hardDeletes, now, ...validTo(c.dbt_valid_to_current) };
  }
  if (c.strategy === 'check') {
    const raw = c.check_cols;
    const keySet = new Set(keys.map((k) => k.toLowerCase()));
    const cols = raw === 'all' ? columns.filter((x) => !keySet.has(x.toLowerCase())) : uniqueKeyList(raw);
    if (!cols.length) throw new TsdbtError('TSDBT_SNAPSHOT_CONFIG', `Snapshot '${node.name}' uses the check strategy and needs check_cols`, { file });
    const changed = cols.map((col) => `s.${dialect.quote(col)} is distinct from t.${dialect.quote(col)}`).join(' or ');
    return { keys, updatedAt: now, changed: `(${changed})`, hardDeletes, now, ...validTo(c.dbt_valid_to_current) };
  }
  throw new TsdbtError('TSDBT_SNAPSHOT_CONFIG', `Snapshot '${node.name}' has unknown strategy '${String(c.strategy)}' (timestamp or check)`, { file });
}

function scdId(d: Dialect, keys: string[], updatedAt: string): string {
  return `md5(${[...keys.map((k) => `coalesce(cast(s.${d.quote(k)} as varchar), '')`), `coalesce(cast(${updatedAt} as varchar), '')`].join(" || '|' || ")})`;
}

const keyJoin = (d: Dialect, keys: string[]): string => keys.map((k) => `s.${d.quote(k)} = t.${d.quote(k)}`).join(' and ');

/** dbt's snapshot: type-2 history with dbt_scd_id, dbt_updated_at, dbt_valid_from and dbt_valid_to. */
export async function materializeSnapshot(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { dialect, node } = ctx;
  const c = node.config;
  const rel: RelationRef = { ...nodeRelation(node, ctx.target, dialect), schema: c.target_schema ?? node.schema, database: c.target_database ?? node.database ?? ctx.target.database };
  await ctx.ensureSchema(rel.database, rel.schema);
  const sql = await ctx.compile();
  await withNodeHooks(ctx, rel, () => buildSnapshot(ctx, rel, sql));
  return { message: 'OK', compiledCode: sql };
}

/**
 * Stage the snapshot query in a session-temporary `<snapshot>__dbt_tmp` (dbt's `build_snapshot_staging_table`), then
 * create the snapshot table or apply the changes in one transaction. The changed keys are staged in a temporary
 * table too: Snowflake commits an open transaction before any DDL, so there they are staged before it.
 */
async function buildSnapshot(ctx: NodeContext, rel: RelationRef, sql: string): Promise<void> {
  const { conn, dialect } = ctx;
  const source = dialect.temporaryRelation(rel, '__dbt_tmp');
  const staged = [source];
  await conn.execute(dialect.createTableAs(source, sql, { temporary: true }));
  try {
    const columns = (await conn.getColumns(source)).map((x) => x.name);
    const plan = planFor(ctx, columns);
    const existing = await ctx.relations.get(conn, rel);
    let statements: string[];
    if (existing) {
      const changes = dialect.temporaryRelation(rel, '__dbt_changes');
      staged.push(changes);
      const stage = dialect.createTableAs(changes, changedKeys(dialect, rel, source, plan), { temporary: true });
      const apply = updateStatements(dialect, rel, source, changes, columns, plan);
      // Inside the transaction where DDL is transactional; Snowflake would commit before it. Either way the apply
      // reads the snapshot time off the staged rows, never a later clock.
      if (dialect.capabilities.transactionalDdl) statements = [stage, ...apply];
      else {
        await conn.execute(stage);
        statements = apply;
      }
    } else {
      statements = [createStatement(dialect, rel, source, plan, tableOptions(ctx.node.config))];
    }
    ctx.main?.(mainSql(statements));
    await conn.transaction(async (tx) => {
      for (const s of statements) await tx.execute(s);
    });
    await ctx.relations.set(rel, 'table');
  } finally {
    for (const r of staged) await conn.execute(dialect.dropRelation(r, 'table')).catch(() => undefined);
  }
}

function metaSelect(d: Dialect, plan: Plan): string {
  return `${scdId(d, plan.keys, plan.updatedAt)} as dbt_scd_id, ${plan.updatedAt} as dbt_updated_at, ${plan.updatedAt} as dbt_valid_from, ${plan.validToCurrent} as dbt_valid_to`;
}

function createStatement(d: Dialect, rel: RelationRef, source: RelationRef, plan: Plan, options: CreateOptions): string {
  const deleted = plan.hardDeletes === 'new_record' ? `, 'False' as dbt_is_deleted` : '';
  return d.createTableAs(rel, `select s.*, ${metaSelect(d, plan)}${deleted} from ${d.renderRelation(source)} s`, options);
}

/**
 * The staged changes, dbt's `snapshot_staging_table`: each changed key with its new version's start (`update`), and
 * with hard deletes each key gone from the source (`delete`). One statement, so one `current_timestamp`: every
 * statement after it reads the snapshot time from here, and a closed version ends exactly where the next one
 * starts, also on Snowflake, which evaluates `current_timestamp` per statement.
 */
function changedKeys(d: Dialect, rel: RelationRef, source: RelationRef, plan: Plan): string {
  const t = d.renderRelation(rel);
  const s = d.renderRelation(source);
  // dbt's `updates` CTE: with new_record, a key back in the source closes its current deletion record too.
  const changed = plan.hardDeletes === 'new_record' ? `(${plan.changed} or t.dbt_is_deleted = 'True')` : plan.changed;
  const updates = `select ${plan.keys.map((k) => `s.${d.quote(k)}`).join(', ')}, ${plan.updatedAt} as new_from, 'update' as change_kind from ${s} s join ${t} t on ${keyJoin(d, plan.keys)} where ${plan.isCurrent} and ${changed}`;
  if (plan.hardDeletes !== 'invalidate' && plan.hardDeletes !== 'new_record') return updates;
  const deletes = `select ${plan.keys.map((k) => `t.${d.quote(k)}`).join(', ')}, ${plan.now} as new_from, 'delete' as change_kind from ${t} t where ${currentCondition(plan)} and not exists (select 1 from ${s} s where ${keyJoin(d, plan.keys)})`;
  return `${updates}\nunion all\n${deletes}`;
}

function currentCondition(plan: Plan): string {
  return `${plan.isCurrent}${plan.hardDeletes === 'new_record' ? " and coalesce(t.dbt_is_deleted, 'False') = 'False'" : ''}`;
}

function updateStatements(d: Dialect, rel: RelationRef, source: RelationRef, changes: RelationRef, columns: string[], plan: Plan): string[] {
  const t = d.renderRelation(rel);
  const s = d.renderRelation(source);
  const ch = d.renderRelation(changes);
  const cols = columns.filter((c) => !META.includes(c.toLowerCase()));
  const quoted = cols.map((c) => d.quote(c)).join(', ');
  const newRecord = plan.hardDeletes === 'new_record';
  const deletedCol = newRecord ? ', dbt_is_deleted' : '';
  const current = currentCondition(plan);
  const byKey = (kind: string) => `${plan.keys.map((k) => `t.${d.quote(k)} = ch.${d.quote(k)}`).join(' and ')} and ch.change_kind = '${kind}'`;
  // The check strategy's version time is the staged snapshot time (every staged row carries the same one); with
  // nothing staged, no version closes, so the insert's own clock serves.
  const insertPlan = plan.updatedAt === plan.now ? { ...plan, updatedAt: `coalesce((select max(ch.new_from) from ${ch} ch), ${plan.now})` } : plan;
  const out: string[] = [
    // Close the current version of every changed row (with new_record, a returning key's deletion record too), then
    // insert the new versions and the brand-new keys.
    `update ${t} as t set dbt_valid_to = ch.new_from from ${ch} ch where ${byKey('update')} and ${plan.isCurrent}`,
    `insert into ${t} (${quoted}, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to${deletedCol})\n` +
      `select ${cols.map((c) => `s.${d.quote(c)}`).join(', ')}, ${metaSelect(d, insertPlan)}${newRecord ? ", 'False'" : ''} from ${s} s\n` +
      `where not exists (select 1 from ${t} t where ${keyJoin(d, plan.keys)} and ${current})`,
  ];
  if (newRecord) {
    // A deletion record starts when the deleted version ends: both read the staged time.
    out.push(
      `insert into ${t} (${quoted}, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted)\n` +
        `select ${cols.map((c) => `t.${d.quote(c)}`).join(', ')}, md5(t.dbt_scd_id || 'deleted'), ch.new_from, ch.new_from, ${plan.validToCurrent}, 'True' from ${t} t join ${ch} ch on ${byKey('delete')} where ${current}`,
    );
  }
  if (newRecord || plan.hardDeletes === 'invalidate') {
    out.push(`update ${t} as t set dbt_valid_to = ch.new_from from ${ch} ch where ${byKey('delete')} and ${current}`);
  }
  return out;
}
