import { buildEdgeMaps } from '../graph/index.js';
import type { JinjaEngine } from '../jinja/index.js';
import type { Manifest } from './types.js';

export const DBT_SCHEMA_VERSION = 'https://schemas.getdbt.com/dbt/manifest/v12.json' as const;

export function emptyManifest(projectName: string, adapterType: string, invocationId: string, projectId: string): Manifest {
  return {
    metadata: {
      dbt_schema_version: DBT_SCHEMA_VERSION,
      dbt_version: '1.9.0',
      generated_at: new Date().toISOString(),
      invocation_id: invocationId,
      env: {},
      project_name: projectName,
      project_id: projectId,
      adapter_type: adapterType,
      user_id: null,
      send_anonymous_usage_stats: false,
      tsdbt_version: '0.1.0',
    },
    nodes: {}, sources: {}, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {},
    parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
  };
}

/** `macros` of the manifest from the engine's definitions (`macro.<package>.<name>`). */
export function manifestMacros(engine: JinjaEngine, relDirs: Map<string, string>): Manifest['macros'] {
  const out: Manifest['macros'] = {};
  for (const m of engine.macros()) {
    const rel = relDirs.get(m.packageName);
    const file = rel && m.file.startsWith(`${rel}/`) ? m.file.slice(rel.length + 1) : m.file;
    out[`macro.${m.packageName}.${m.name}`] = {
      unique_id: `macro.${m.packageName}.${m.name}`,
      name: m.name,
      resource_type: 'macro',
      package_name: m.packageName,
      path: file,
      original_file_path: file,
      macro_sql: m.source,
      depends_on: { macros: [] },
      description: '',
      meta: {},
      docs: { show: true, node_color: null },
      patch_path: null,
      arguments: [],
      created_at: 0,
      supported_languages: null,
      tsdbt_line: m.line,
    };
  }
  return out;
}

/** parent_map / child_map as dbt writes them, from the graph module's edge maps. */
export function dependencyMaps(manifest: Manifest): void {
  const { parent_map, child_map } = buildEdgeMaps(manifest);
  manifest.parent_map = parent_map;
  manifest.child_map = child_map;
}
