import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatTimestamp } from '@tsdbt/core';
import type { Connection, LoadColumn, RelationRef } from '@tsdbt/core';
import type { SnowflakeDialect } from './snowflake-dialect.js';

const isoDate = (d: Date): string => formatTimestamp(d).slice(0, 10);

/** One CSV field. NULL is an empty unenclosed field; every string is enclosed, so '' stays an empty string. */
export function csvField(v: unknown, dataType: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const t = dataType.toUpperCase();
  if (v instanceof Date) return t === 'DATE' ? isoDate(v) : /TIMESTAMP_(TZ|LTZ)/u.test(t) ? v.toISOString() : formatTimestamp(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${text.replace(/"/gu, '""')}"`;
}

function csvChunk(rows: unknown[][], columns: LoadColumn[]): Buffer {
  const lines = rows.map((r) => columns.map((c, i) => csvField(r[i], c.dataType)).join(','));
  return gzipSync(lines.join('\n') + '\n');
}

/** The table stage of a relation: `@db.schema.%table`. */
export function tableStage(dialect: SnowflakeDialect, rel: RelationRef): string {
  const ns = [rel.database, rel.schema].filter(Boolean).map((p) => dialect.ident(p!));
  return `@${[...ns, `%${dialect.ident(rel.identifier)}`].join('.')}`;
}

/**
 * Rows → gzip CSV files on local disk → `PUT` to the table's stage under a fresh prefix → `COPY INTO`, then the
 * prefix is removed. COPY is DML, so inside the caller's transaction it commits or rolls back with the state.
 */
export async function bulkLoad(conn: Connection, dialect: SnowflakeDialect, rel: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-sf-load-'));
  const stage = `${tableStage(dialect, rel)}/tsdbt_${randomUUID().replace(/-/gu, '')}/`;
  let files = 0;
  try {
    for await (const rows of chunks) {
      if (rows.length === 0) continue;
      writeFileSync(join(dir, `part_${String(++files).padStart(5, '0')}.csv.gz`), csvChunk(rows, columns));
    }
    if (files === 0) return 0;
    await conn.execute(`put 'file://${join(dir, '*.csv.gz').replace(/'/gu, "\\'")}' ${stage} auto_compress = false overwrite = true parallel = 4`);
    const copy = await conn.execute(
      `copy into ${dialect.renderRelation(rel)} (${columns.map((c) => dialect.column(c.name)).join(', ')})\nfrom ${stage}\n` +
        `file_format = (type = csv field_optionally_enclosed_by = '"' empty_field_as_null = true null_if = () compression = gzip)\n` +
        `on_error = abort_statement purge = true`,
    );
    const loaded = copy.columns.findIndex((c) => c.name.toLowerCase() === 'rows_loaded');
    return loaded < 0 ? 0 : copy.rows.reduce((n, r) => n + Number(r[loaded] ?? 0), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (files > 0) await conn.execute(`remove ${stage}`).catch(() => undefined);
  }
}
