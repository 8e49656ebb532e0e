import nodeSqlParser from 'node-sql-parser';
import { isAst, type Ast } from './ast.js';
import type { RelationLookup } from './relation-lookup.js';
import { columnOf, SelectResolver, type SelectOutput } from './select-resolver.js';
import type { ColumnLineage } from './types.js';

const { Parser } = nodeSqlParser;
const parser = new Parser();

export interface SqlLineageOptions {
  relations: RelationLookup;
  /** The model's columns as the catalog or its docs list them; the SQL's own output names when empty. */
  columns?: string[];
  /** node-sql-parser's dialects, tried in order: DuckDB reads as `postgresql`, then `snowflake` (QUALIFY, EXCLUDE, GROUP BY ALL). */
  database?: string | string[];
}

/**
 * Column lineage of one compiled SELECT: for each output column, the upstream columns it is computed from.
 * Never guesses: a column the parser or the scope cannot trace is `unresolved` with the reason.
 */
export function columnLineageForSql(sql: string, options: SqlLineageOptions): ColumnLineage[] {
  let output: SelectOutput;
  try {
    output = resolveStatement(sql, options);
  } catch (error) {
    const reason = `the compiled SQL could not be parsed (${firstLine(error)})`;
    return (options.columns ?? []).map((column) => ({ column, kind: 'unresolved', sources: [], reason }));
  }
  const wanted = options.columns?.length ? options.columns : output.columns.flatMap((c) => (c.name ? [c.name] : []));
  return wanted.map((column) => {
    const found = output.columns.find((c) => c.name !== undefined && c.name.toLowerCase() === column.toLowerCase()) ?? (output.starFrom && columnOf(output.starFrom, column));
    if (!found) {
      const reason = output.opaqueReason ?? 'the column is not in the select list of the compiled SQL';
      return { column, kind: 'unresolved', sources: [], reason };
    }
    const entry: ColumnLineage = { column, kind: found.kind, sources: found.sources };
    if (found.reason) entry.reason = found.reason;
    return entry;
  });
}

function parse(sql: string, databases: string[]): unknown {
  let firstError: unknown;
  for (const database of databases) {
    try {
      return parser.astify(sql, { database });
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

function resolveStatement(sql: string, options: SqlLineageOptions): SelectOutput {
  const databases = Array.isArray(options.database) ? options.database : [options.database ?? 'postgresql'];
  const parsed = parse(stripTrailingSemicolon(sql), databases);
  const statements = (Array.isArray(parsed) ? parsed : [parsed]) as unknown[];
  if (statements.length !== 1 || !isAst(statements[0])) throw new Error(`expected one statement, found ${statements.length}`);
  const stmt = statements[0] as Ast;
  if (stmt.type !== 'select') throw new Error(`expected a SELECT, found ${String(stmt.type).toUpperCase()}`);
  return new SelectResolver(options.relations).resolve(stmt);
}

function stripTrailingSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
