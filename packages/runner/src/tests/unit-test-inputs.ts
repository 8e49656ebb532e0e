import { parse } from 'csv-parse/sync';
import { TsdbtError } from '@tsdbt/core';
import type { ColumnInfo, Dialect, Manifest, ManifestNode } from '@tsdbt/core';

export interface Fixture {
  input?: string;
  rows?: unknown;
  format?: 'dict' | 'csv' | 'sql';
}

/** The manifest node a `given` input names: `ref('x')`, `ref('pkg', 'x')` or `source('s', 't')`. */
export function resolveInput(manifest: Manifest, input: string, file: string): { uniqueId: string; relation?: { database?: string; schema: string; identifier: string } } {
  const args = [...input.matchAll(/['"]([^'"]+)['"]/gu)].map((m) => m[1]!);
  if (/^\s*source\s*\(/u.test(input) && args.length === 2) {
    const src = Object.values(manifest.sources).find((s) => s.source_name === args[0] && s.name === args[1]);
    if (src) return { uniqueId: src.unique_id, relation: { database: src.database ?? undefined, schema: src.schema, identifier: src.identifier } };
  } else if (/^\s*ref\s*\(/u.test(input) && args.length >= 1) {
    const name = args.at(-1)!;
    const node = Object.values(manifest.nodes).find((n: ManifestNode) => n.name === name && ['model', 'seed', 'snapshot'].includes(n.resource_type) && (args.length === 1 || n.package_name === args[0]));
    if (node) return { uniqueId: node.unique_id, relation: node.config.materialized === 'ephemeral' ? undefined : { database: node.database ?? undefined, schema: node.schema, identifier: node.alias ?? node.name } };
  }
  throw new TsdbtError('TSDBT_UNIT_TEST_INPUT', `Unit test input ${input} names nothing in the project`, { file });
}

/** Fixture rows as objects, whatever their format (dict rows, or csv text). */
export function fixtureRows(f: Fixture, file: string): Record<string, unknown>[] {
  if (f.format === 'csv' || typeof f.rows === 'string') {
    const text = String(f.rows ?? '');
    return (parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' || v === 'null' ? null : v])),
    );
  }
  if (f.rows === undefined || f.rows === null) return [];
  if (!Array.isArray(f.rows)) throw new TsdbtError('TSDBT_UNIT_TEST_INPUT', 'Unit test rows must be a list of mappings or csv text', { file });
  return f.rows as Record<string, unknown>[];
}

/**
 * A SELECT producing the rows, each value cast to the column's type when the relation's columns are known, and the
 * columns a row leaves out as typed NULLs (dbt fills them the same way). No rows → the typed empty relation.
 */
export function rowsSql(dialect: Dialect, rows: Record<string, unknown>[], columns: ColumnInfo[] | undefined): string {
  const byName = new Map((columns ?? []).map((c) => [c.name.toLowerCase(), c]));
  const names = columns?.length ? columns.map((c) => c.name) : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const value = (row: Record<string, unknown>, name: string): string => {
    const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
    const lit = dialect.literal(key === undefined ? null : row[key]);
    const type = byName.get(name.toLowerCase())?.dataType;
    return type ? `cast(${lit} as ${type})` : lit;
  };
  const select = (row: Record<string, unknown>): string => `select ${names.map((n) => `${value(row, n)} as ${dialect.quote(n)}`).join(', ')}`;
  if (!rows.length) return `${select({})} where false`;
  return rows.map(select).join('\nunion all\n');
}
