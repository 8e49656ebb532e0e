import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TsdbtError } from '@tsdbt/core';
import type { LoadColumn, RelationRef } from '@tsdbt/core';
import { nodeRelation } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { inferSeedType, seedSqlType, seedValue } from './csv-types.js';
import type { SeedType } from './csv-types.js';
import { withNodeHooks } from './hooks.js';
import { stageAndSwap } from './table.js';

const CHUNK = 2048;

async function readCsv(ctx: NodeContext): Promise<string[][]> {
  const file = join((ctx.node as { root_path?: string }).root_path ?? ctx.projectDir, ctx.node.original_file_path);
  const text = await readFile(file, 'utf8');
  try {
    return parse(text, { delimiter: ctx.node.config.delimiter ?? ',', bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (cause) {
    const line = (cause as { lines?: number }).lines;
    throw new TsdbtError('TSDBT_SEED_CSV', `Could not parse seed ${ctx.node.original_file_path}: ${(cause as Error).message}`, {
      cause,
      file: ctx.node.original_file_path,
      line,
    });
  }
}

function* chunksOf(rows: string[][], types: SeedType[]): Generator<unknown[][]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK).map((r) => r.map((v, c) => seedValue(types[c]!, v)));
}

async function* asAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}

/** For adapters without bulk load: multi-row INSERTs of one chunk each (never one statement per row). Returns the first. */
async function insertBatches(ctx: NodeContext, rel: RelationRef, columns: LoadColumn[], chunks: Iterable<unknown[][]>): Promise<string | undefined> {
  const { dialect } = ctx;
  let first: string | undefined;
  for (const chunk of chunks) {
    const values = chunk.map((r) => `(${r.map((v, i) => (v === null ? 'NULL' : `cast(${dialect.literal(v)} as ${columns[i]!.dataType})`)).join(', ')})`);
    const sql = `insert into ${dialect.renderRelation(rel)} values\n${values.join(',\n')}`;
    first ??= sql;
    await ctx.conn.execute(sql);
  }
  return first;
}

/** Load a CSV seed in bulk (appender / COPY), into a staged table swapped in at the end. */
export async function materializeSeed(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const [header, ...rows] = await readCsv(ctx);
  if (!header) throw new TsdbtError('TSDBT_SEED_CSV', `Seed ${node.original_file_path} is empty: it needs a header row`, { file: node.original_file_path });
  const overrides = new Map(Object.entries(node.config.column_types ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const types = header.map((_, c) => (overrides.has(header[c]!.toLowerCase()) ? 'text' : inferSeedType(rows.map((r) => r[c] ?? ''))));
  const columns: LoadColumn[] = header.map((name, c) => ({
    name: node.config.quote_columns ? name : dialect.normalizeIdentifier(name),
    dataType: overrides.get(name.toLowerCase()) ?? seedSqlType(dialect, types[c]!, rows.map((r) => r[c] ?? '')),
  }));
  const rel = nodeRelation(node, ctx.target, dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  await withNodeHooks(ctx, rel, () => loadAndSwap(ctx, rel, columns, rows, types));
  const loaded = ctx.empty ? 0 : rows.length;
  return { message: `INSERT ${loaded}`, rowsAffected: loaded };
}

/**
 * Load the rows into `<name>__dbt_tmp`, then swap it in: a failed load leaves the old table as it was. Like dbt's
 * seed (a `noop_statement('main')` after the load), the main statement is recorded once the load succeeded:
 * the create, `-- dbt seed --`, then the first insert (or what the bulk load did, which runs no SQL).
 */
function loadAndSwap(ctx: NodeContext, rel: RelationRef, columns: LoadColumn[], rows: string[][], types: SeedType[]): Promise<void> {
  const { conn, dialect } = ctx;
  return stageAndSwap(ctx, rel, async (staged) => {
    const create = `create table ${dialect.renderRelation(staged)} (${columns.map((c) => `${dialect.quote(c.name)} ${c.dataType}`).join(', ')})`;
    await conn.execute(create);
    let load: string | undefined;
    if (ctx.empty) load = '-- --empty: no rows loaded';
    else if (conn.bulkLoad) {
      await conn.bulkLoad(staged, columns, asAsync(chunksOf(rows, types)));
      load = `-- ${rows.length} rows loaded into ${dialect.renderRelation(staged)} by the adapter's bulk load`;
    } else load = await insertBatches(ctx, staged, columns, chunksOf(rows, types));
    ctx.main?.(`${create};\n-- dbt seed --\n${load ?? '-- no rows'}`);
  });
}
