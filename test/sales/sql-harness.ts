/**
 * Builds the sales project without tsdbt, to validate its SQL while the compiler and runner are written: renders
 * the few Jinja forms the project uses (ref, source, dbt.date_trunc, dbt.datediff, comments) into DuckDB SQL,
 * materializes models in dependency order, and runs the property-YAML and singular tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'yaml';
import { TABLES } from '@tsdbt/sample-data';

export const PROJECT = join(import.meta.dirname, '../../project');

/** dlt's snake_case (the same rules as the ingest package), e.g. SalesOrderID → sales_order_id. */
export function snake(name: string): string {
  return name.replace(/[^a-zA-Z\d_]+/g, '_').replace(/([^_])([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/__+/g, '_');
}

/** Lands a source file's tables in `staging` as the ingest would (snake_case, plus `_tsdbt_load_id`). */
export async function landSource(conn: DuckDBConnection, sourcePath: string): Promise<void> {
  await conn.run(`ATTACH '${sourcePath}' AS src (READ_ONLY)`);
  await conn.run('CREATE SCHEMA IF NOT EXISTS staging; CREATE SCHEMA IF NOT EXISTS analytics');
  for (const t of TABLES) {
    const cols = t.columns.map((c) => `"${c.name}" AS ${snake(c.name)}`).join(', ');
    await conn.run(`CREATE TABLE staging.${snake(t.name)} AS SELECT ${cols}, 'test-load' AS _tsdbt_load_id
      FROM src."${t.schema}"."${t.name}"`);
  }
  await conn.run('DETACH src');
}

const schemaOf = (model: string): string => (model.startsWith('stg_') ? 'staging' : 'analytics');

export function render(sql: string): string {
  return sql
    .replace(/\{#[\s\S]*?#\}/g, '')
    .replace(/\{\{\s*source\('(\w+)',\s*'(\w+)'\)\s*\}\}/g, 'staging.$2')
    .replace(/\{\{\s*ref\('(\w+)'\)\s*\}\}/g, (_m, name: string) => `${schemaOf(name)}.${name}`)
    .replace(/\{\{\s*dbt\.date_trunc\('(\w+)',\s*'([^']+)'\)\s*\}\}/g, "date_trunc('$1', $2)")
    .replace(/\{\{\s*dbt\.datediff\('([^']+)',\s*'([^']+)',\s*'(\w+)'\)\s*\}\}/g, "date_diff('$3', $1, $2)");
}

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []);
}

/** Creates every model (staging views, analytics tables) in ref order. */
export async function buildModels(conn: DuckDBConnection): Promise<string[]> {
  const models = new Map(walk(join(PROJECT, 'models'), '.sql').map((f) => [basename(f, '.sql'), readFileSync(f, 'utf8')]));
  const done: string[] = [];
  const visit = async (name: string): Promise<void> => {
    if (done.includes(name)) return;
    const sql = models.get(name);
    if (sql === undefined) throw new Error(`ref to unknown model ${name}`);
    for (const [, dep] of sql.matchAll(/ref\('(\w+)'\)/g)) await visit(dep as string);
    const kind = name.startsWith('stg_') ? 'VIEW' : 'TABLE';
    await conn.run(`CREATE OR REPLACE ${kind} ${schemaOf(name)}.${name} AS ${render(sql)}`);
    done.push(name);
  };
  for (const name of [...models.keys()].sort()) await visit(name);
  return done;
}

export interface TestCase { name: string; sql: string }

/** The generic tests of the property YAML files and sources.yml, as SQL that returns failing rows. */
export function schemaTests(): TestCase[] {
  const cases: TestCase[] = [];
  for (const file of walk(join(PROJECT, 'models'), '.yml')) {
    const doc = parse(readFileSync(file, 'utf8')) as { models?: Node[]; sources?: { tables: Node[] }[] };
    const relations: [string, Node][] = [
      ...(doc.models ?? []).map((m) => [`${schemaOf(m.name)}.${m.name}`, m] as [string, Node]),
      ...(doc.sources ?? []).flatMap((s) => s.tables.map((t) => [`staging.${t.name}`, t] as [string, Node])),
    ];
    for (const [relation, node] of relations) {
      for (const col of node.columns ?? []) {
        for (const test of col.tests ?? []) cases.push(genericTest(`${relative(PROJECT, file)}: ${relation}.${col.name}`, relation, col.name, test));
      }
    }
  }
  return cases;
}

interface Node { name: string; columns?: { name: string; tests?: unknown[] }[] }

function genericTest(label: string, relation: string, column: string, test: unknown): TestCase {
  const [kind, args] = typeof test === 'string' ? [test, {}] : (Object.entries(test as object)[0] as [string, Record<string, unknown>]);
  const name = `${label} ${kind}`;
  if (kind === 'unique') return { name, sql: `SELECT ${column} FROM ${relation} WHERE ${column} IS NOT NULL GROUP BY 1 HAVING count(*) > 1` };
  if (kind === 'not_null') return { name, sql: `SELECT * FROM ${relation} WHERE ${column} IS NULL` };
  if (kind === 'accepted_values') {
    const quote = args.quote !== false;
    const values = (args.values as unknown[]).map((v) => (quote ? `'${String(v).replace(/'/g, "''")}'` : String(v))).join(', ');
    return { name, sql: `SELECT ${column} FROM ${relation} WHERE ${column} IS NOT NULL AND ${column} NOT IN (${values})` };
  }
  if (kind === 'relationships') {
    const to = render(`{{ ${String(args.to)} }}`);
    return { name, sql: `SELECT c.${column} FROM ${relation} c LEFT JOIN ${to} p ON p.${String(args.field)} = c.${column}
      WHERE c.${column} IS NOT NULL AND p.${String(args.field)} IS NULL` };
  }
  throw new Error(`${name}: the harness has no generic test ${kind}`);
}

export function singularTests(): TestCase[] {
  return walk(join(PROJECT, 'tests'), '.sql').map((f) => ({ name: basename(f), sql: render(readFileSync(f, 'utf8')) }));
}
