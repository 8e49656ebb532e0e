import type { Connection, Dialect, RelationRef } from '@tsdbt/core';
import type { CursorFilter } from '../sources/source.js';
import type { TableState } from '../state/state-store.js';
import type { ExtractStats } from './extract.js';
import type { PlannedTable } from './plan-tables.js';
import { loadColumns } from './stage-rows.js';
import { rowKey } from './values.js';

const ALIAS = 'tsdbt_source';

/**
 * The embedded source into a DuckDB destination: DuckDB attaches the source file read-only and copies the rows
 * itself (INSERT … SELECT), millions of rows a second, instead of passing each value through JavaScript. Boundary
 * de-dup and the cursor are computed on the staged rows, so the result is what the row path would stage.
 */
export async function stageByAttach(o: {
  conn: Connection; dialect: Dialect; plan: PlannedTable; stage: RelationRef; sourcePath: string;
  filter?: CursorFilter; stored?: TableState; loadId: string; serialize: <T>(fn: () => Promise<T>) => Promise<T>;
}): Promise<ExtractStats> {
  const { conn, dialect: d, plan } = o;
  const q = (id: string) => d.quote(id);
  await o.serialize(() => conn.execute(`ATTACH IF NOT EXISTS ${d.literal(o.sourcePath)} AS ${ALIAS} (READ_ONLY)`));
  const columns = loadColumns(plan, d);
  await conn.execute(d.dropRelation(o.stage, 'table'));
  await conn.execute(`CREATE TABLE ${d.renderRelation(o.stage)} (${columns.map((c) => `${q(c.name)} ${c.dataType}`).join(', ')})`);
  const select = plan.columns.map((c) => `CAST(${q(c.source)} AS ${c.destType})`);
  let sql = `INSERT INTO ${d.renderRelation(o.stage)} SELECT ${select.join(', ')}, ${d.literal(o.loadId)} FROM ${ALIAS}.${q(plan.source.schema)}.${q(plan.source.name)}`;
  const cursorType = plan.cursor ? plan.source.columns.find((c) => c.name === plan.cursor!.source)!.sourceType : '';
  if (o.filter) {
    const lag = o.filter.lag ? (/TIME|DATE/i.test(cursorType) ? ` - INTERVAL (${Number(o.filter.lag)}) SECOND` : ` - ${Number(o.filter.lag)}`) : '';
    sql += ` WHERE ${q(o.filter.column)} >= CAST(${d.literal(o.filter.value)} AS ${cursorType})${lag}`;
  }
  const inserted = await conn.execute(sql);
  const stats: ExtractStats = { rows: inserted.rowsAffected ?? 0, skipped: 0, maxCursor: undefined, boundaryKeys: new Set() };
  if (!plan.cursor) return stats;
  const stage = d.renderRelation(o.stage);
  const cur = q(plan.cursor.dest);
  const keyCols = (plan.primaryKey.length ? plan.primaryKey.map((k) => plan.columns.find((c) => c.source === k)!) : plan.columns).map((c) => q(c.dest));
  const keyIdx = keyCols.map((_, i) => i + 1);
  if (o.stored?.boundaryKeys.length) {
    const atBoundary = await conn.execute(`SELECT rowid, ${keyCols.join(', ')} FROM ${stage} WHERE ${cur} = CAST(${d.literal(o.stored.lastValue)} AS ${plan.cursor.destType})`);
    const seen = new Set(o.stored.boundaryKeys);
    const drop = atBoundary.rows.filter((r) => seen.has(rowKey(r, keyIdx))).map((r) => String(r[0]));
    for (let i = 0; i < drop.length; i += 1000) await conn.execute(`DELETE FROM ${stage} WHERE rowid IN (${drop.slice(i, i + 1000).join(', ')})`);
    stats.skipped = drop.length;
    stats.rows -= drop.length;
  }
  const max = (await conn.execute(`SELECT max(${cur}) FROM ${stage}`)).rows[0]?.[0];
  if (max === null || max === undefined) return stats;
  stats.maxCursor = max;
  const top = await conn.execute(`SELECT 0, ${keyCols.join(', ')} FROM ${stage} WHERE ${cur} = CAST(${d.literal(max)} AS ${plan.cursor.destType})`);
  stats.boundaryKeys = new Set(top.rows.map((r) => rowKey(r, keyIdx)));
  return stats;
}
