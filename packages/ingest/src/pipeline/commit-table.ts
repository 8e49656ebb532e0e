import type { Connection, Dialect, RelationRef } from '@tsdbt/core';
import type { StateStore, TableState } from '../state/state-store.js';
import type { ContractDecision } from './schema-contract.js';
import type { PlannedTable } from './plan-tables.js';
import { LOAD_ID_COLUMN } from './stage-rows.js';

export interface CommitOptions {
  dialect: Dialect;
  plan: PlannedTable;
  target: RelationRef;
  stage: RelationRef;
  /** The destination table exists (and is not being replaced). */
  exists: boolean;
  replace: boolean;
  decision: ContractDecision;
  store: StateStore;
  state?: TableState;
  clearState: boolean;
  loadId: string;
  startedAt: Date;
}

/**
 * One transaction: evolve or create the table, move the staged rows in (replace / append / merge by primary key),
 * move the cursor and record the load. A failure or a kill anywhere leaves the table exactly as it was.
 */
export async function commitTable(conn: Connection, o: CommitOptions): Promise<{ rows: number; discarded: number }> {
  const d = o.dialect;
  const target = d.renderRelation(o.target);
  const stage = d.renderRelation(o.stage);
  return conn.transaction(async (tx) => {
    let discarded = 0;
    if (o.decision.discardRowIf.length) {
      const where = o.decision.discardRowIf.map((c) => `${d.quote(c.dest)} IS NOT NULL`).join(' OR ');
      discarded = Number((await tx.execute(`SELECT count(*) FROM ${stage} WHERE ${where}`)).rows[0]?.[0] ?? 0);
      await tx.execute(`DELETE FROM ${stage} WHERE ${where}`);
    }
    const cols = [...o.decision.insert.map((c) => ({ name: c.dest, dataType: c.destType })), { name: LOAD_ID_COLUMN, dataType: d.typeName('string') }];
    if (canSwap(o)) {
      // The staged table becomes the table: no second copy of the rows.
      const rows = Number((await tx.execute(`SELECT count(*) FROM ${stage}`)).rows[0]?.[0] ?? 0);
      for (const statement of d.swapRelation(o.stage, o.target, o.exists ? 'table' : undefined)) await tx.execute(statement);
      await finishState(tx, o, rows);
      return { rows, discarded };
    }
    if (o.replace || !o.exists) {
      if (o.exists || o.replace) await tx.execute(d.dropRelation(o.target, 'table'));
      await tx.execute(`CREATE TABLE ${target} (${cols.map((c) => `${d.quote(c.name)} ${c.dataType}`).join(', ')})`);
    } else {
      for (const c of o.decision.add) await tx.execute(d.addColumn(o.target, { name: c.dest, dataType: c.destType }));
      for (const c of o.decision.widen) await tx.execute(d.alterColumnType(o.target, c.dest, c.destType));
    }
    const names = cols.map((c) => c.name);
    const keys = o.plan.primaryKey.map((k) => o.plan.columns.find((c) => c.source === k)!.dest);
    let select = `SELECT ${names.map((n) => d.quote(n)).join(', ')} FROM ${stage}`;
    if (o.plan.spec.writeDisposition === 'merge' && keys.length) {
      if (o.exists && !o.replace) await tx.execute(d.deleteWhereKeyIn(o.target, o.stage, keys));
      // A key staged twice (updated during the read) keeps its latest version.
      const order = o.plan.cursor ? `${d.quote(o.plan.cursor.dest)} DESC NULLS LAST` : '1';
      select += ` QUALIFY row_number() OVER (PARTITION BY ${keys.map((k) => d.quote(k)).join(', ')} ORDER BY ${order}) = 1`;
    }
    const inserted = await tx.execute(d.insertInto(o.target, names, select));
    const rows = inserted.rowsAffected ?? Number((await tx.execute(`SELECT count(*) FROM ${stage}`)).rows[0]?.[0] ?? 0);
    await finishState(tx, o, rows);
    return { rows, discarded };
  });
}

/** A replace whose table keeps every staged column can rename the staging table into place, in the transaction. */
function canSwap(o: CommitOptions): boolean {
  const merge = o.plan.spec.writeDisposition === 'merge' && o.plan.primaryKey.length > 0;
  return o.replace && !merge && o.decision.insert.length === o.plan.columns.length && o.dialect.capabilities.transactionalDdl
    && (o.stage.schema === o.target.schema && o.stage.database === o.target.database);
}

/** The cursor moves and the load is recorded in the same transaction as the rows. */
async function finishState(tx: Connection, o: CommitOptions, rows: number): Promise<void> {
  if (o.plan.cursor && o.state) {
    await o.store.write(tx, { table: o.plan.destName, sourceTable: o.plan.sourceName, cursor: o.plan.cursor.source, state: o.state, loadId: o.loadId });
  } else if (o.clearState) await o.store.clear(tx, o.plan.destName);
  await o.store.recordLoad(tx, {
    loadId: o.loadId, table: o.plan.destName, sourceTable: o.plan.sourceName, writeDisposition: o.replace ? 'replace' : o.plan.spec.writeDisposition,
    rows, startedAt: o.startedAt, finishedAt: new Date(), status: 'loaded',
  });
}
