import type { Manifest } from '../manifest/types.js';

export type ListOutput = 'selector' | 'name' | 'path' | 'json';

/** dbt ls's default `--output json` keys. */
export const DEFAULT_OUTPUT_KEYS = ['alias', 'name', 'package_name', 'depends_on', 'tags', 'config', 'resource_type', 'source_name', 'original_file_path', 'unique_id'];

type Entry = Record<string, unknown> & { unique_id: string; resource_type: string; name: string; package_name: string; fqn?: string[] };

/**
 * The lines `tsdbt ls` prints for the selected ids, as dbt ls prints them: sorted by unique id, one line each.
 * `selector` (dbt's default) is the fqn joined by dots, or `source:pkg.src.tbl` / `exposure:pkg.name` / ….
 */
export function listLines(manifest: Manifest, ids: string[], output: ListOutput = 'selector', outputKeys?: string[]): string[] {
  const keys = outputKeys?.length ? outputKeys : DEFAULT_OUTPUT_KEYS;
  return [...ids].sort().map((id) => {
    const e = entry(manifest, id);
    if (output === 'name') return searchName(e);
    if (output === 'path') return String(e.original_file_path ?? '');
    if (output === 'json') return JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => keys.includes(k))));
    return selectorName(e);
  });
}

function entry(manifest: Manifest, id: string): Entry {
  const m = manifest as unknown as Record<string, Record<string, Entry> | undefined>;
  for (const key of ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests']) {
    const hit = m[key]?.[id];
    if (hit) return hit;
  }
  throw new Error(`listLines: ${id} is not in the manifest`);
}

function searchName(e: Entry): string {
  if (e.resource_type === 'source') return `${String(e.source_name)}.${e.name}`;
  if (e.version !== undefined && e.version !== null) return `${e.name}.v${String(e.version)}`;
  return e.name;
}

const PREFIXED = new Set(['exposure', 'metric', 'semantic_model', 'saved_query', 'unit_test']);

function selectorName(e: Entry): string {
  if (e.resource_type === 'source') return `source:${e.package_name}.${String(e.source_name)}.${e.name}`;
  if (PREFIXED.has(e.resource_type)) return `${e.resource_type}:${e.package_name}.${e.name}`;
  return (e.fqn ?? [e.package_name, e.name]).join('.');
}
