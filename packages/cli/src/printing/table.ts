import type { QueryResult } from '@tsdbt/core';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A readable markdown-style table, numbers right-aligned, as dbt's `show` prints agate tables. */
export function formatTable(result: QueryResult): string {
  const headers = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => r.map(cell));
  const numeric = result.columns.map((_, i) => result.rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const pad = (text: string, i: number): string => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
