import { TsdbtError } from '@tsdbt/core';
import type { ColumnInfo, RelationRef } from '@tsdbt/core';
import type { NodeContext } from '../types.js';

const key = (c: ColumnInfo): string => c.name.toLowerCase();

/**
 * dbt's `on_schema_change` for incremental models: compares the new rows' columns with the target's and returns the
 * columns to write. `ignore` writes the target's columns; `fail` stops; `append_new_columns` adds new ones;
 * `sync_all_columns` also drops removed ones and changes types.
 */
export async function applySchemaChange(ctx: NodeContext, target: RelationRef, staged: RelationRef): Promise<string[]> {
  const { conn, dialect, node } = ctx;
  const mode = node.config.on_schema_change ?? 'ignore';
  const have = await conn.getColumns(target);
  const want = await conn.getColumns(staged);
  const haveBy = new Map(have.map((c) => [key(c), c]));
  const wantBy = new Map(want.map((c) => [key(c), c]));
  const added = want.filter((c) => !haveBy.has(key(c)));
  const removed = have.filter((c) => !wantBy.has(key(c)));
  const changed = want.filter((c) => haveBy.has(key(c)) && haveBy.get(key(c))!.dataType !== c.dataType);
  const differs = added.length + removed.length + changed.length > 0;
  if (mode === 'ignore' || !differs) return have.filter((c) => wantBy.has(key(c))).map((c) => c.name);
  if (mode === 'fail') {
    throw new TsdbtError(
      'TSDBT_SCHEMA_CHANGE',
      `The source and target schemas on this incremental model are out of sync: added [${added.map((c) => c.name).join(', ')}], ` +
        `removed [${removed.map((c) => c.name).join(', ')}], changed [${changed.map((c) => c.name).join(', ')}]`,
      { file: node.original_file_path, hint: "Run with --full-refresh, or set on_schema_change to 'append_new_columns' or 'sync_all_columns'." },
    );
  }
  for (const c of added) await conn.execute(dialect.addColumn(target, c));
  if (mode === 'sync_all_columns') {
    for (const c of removed) await conn.execute(dialect.dropColumn(target, c.name));
    for (const c of changed) await conn.execute(dialect.alterColumnType(target, c.name, c.dataType));
    return want.map((c) => c.name);
  }
  return want.map((c) => c.name);
}
