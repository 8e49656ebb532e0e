import type { ColumnDoc } from '../manifest/types.js';
import { isRecord } from '../util/yaml-file.js';
import { normalizeConstraints } from './contract.js';

/** Property-YAML `columns:` as the manifest's columns mapping (keys as written). */
export function readColumns(list: unknown, renderText: (text: string) => string): Record<string, ColumnDoc> {
  const out: Record<string, ColumnDoc> = {};
  if (!Array.isArray(list)) return out;
  for (const c of list) {
    if (!isRecord(c) || typeof c.name !== 'string') continue;
    const config = isRecord(c.config) ? c.config : {};
    out[c.name] = {
      name: c.name,
      description: typeof c.description === 'string' ? renderText(c.description) : '',
      meta: { ...(isRecord(c.meta) ? c.meta : {}), ...(isRecord(config.meta) ? config.meta : {}) },
      data_type: typeof c.data_type === 'string' ? c.data_type : null,
      constraints: Array.isArray(c.constraints) ? normalizeConstraints(c.constraints) : [],
      quote: typeof c.quote === 'boolean' ? c.quote : null,
      tags: [...toStrings(c.tags), ...toStrings(config.tags)],
    };
  }
  return out;
}

/** Tests of a target: `[column|null, definition]` pairs from `data_tests`/`tests` at the top and per column. */
export function collectTests(entry: Record<string, unknown>): [string | null, unknown][] {
  const out: [string | null, unknown][] = [];
  // Pushed straight from the lists (no merged copy per column: 10,000 models' columns in the benchmark project).
  const add = (column: string | null, e: Record<string, unknown>) => {
    for (const d of asList(e.data_tests)) out.push([column, d]);
    for (const d of asList(e.tests)) out.push([column, d]);
  };
  add(null, entry);
  if (Array.isArray(entry.columns))
    for (const c of entry.columns) if (isRecord(c) && typeof c.name === 'string') add(c.name, c);
  return out;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function toStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.map(String) : [];
}
