import { join, relative } from 'node:path';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { injectCtes } from './inject-ctes.js';
import { renderNode } from './render-node.js';

function findNode(project: ParsedProject, uniqueId: string): ManifestNode {
  const node = project.manifest.nodes[uniqueId];
  if (!node) throw new TsdbtError('TSDBT_NODE_NOT_FOUND', `No node '${uniqueId}' in the project`, { exitCode: 2 });
  return node;
}

/** Ephemeral models as [name, sql] CTEs, dependencies first, each once (dbt's _recursively_prepend_ctes). */
export async function ephemeralCtes(project: ParsedProject, ids: string[], runtime: RenderRuntime, seen = new Set<string>()): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const node = findNode(project, id);
    const rendered = await renderNode(project, node, runtime);
    out.push(...(await ephemeralCtes(project, rendered.ephemerals, runtime, seen)));
    out.push([node.name, rendered.sql]);
  }
  return out;
}

/** dbt's compiled_path: target/compiled/<package>/<file> (generic tests: under their YAML file's path). */
export function compiledPath(project: ParsedProject, node: ManifestNode): string {
  const rel = node.test_metadata ? join(node.original_file_path, node.path) : node.original_file_path;
  return join(relative(project.projectDir, project.targetPath) || '.', 'compiled', node.package_name, rel);
}

/**
 * Compiles one node: renders it (execute as the runtime says), inlines ephemeral refs as `__dbt__cte__` CTEs,
 * and records compiled_code on the manifest node.
 */
export async function compileNode(project: ParsedProject, uniqueId: string, runtime: RenderRuntime): Promise<string> {
  const node = findNode(project, uniqueId);
  if (node.resource_type === 'seed') return '';
  const rendered = await renderNode(project, node, runtime);
  const ctes = await ephemeralCtes(project, rendered.ephemerals, runtime);
  const sql = injectCtes(rendered.sql, ctes);
  node.compiled_code = sql;
  node.compiled = true;
  node.compiled_path = compiledPath(project, node);
  node.extra_ctes_injected = true;
  node.extra_ctes = ctes.map(([name, body]) => ({ id: `model.${node.package_name}.${name}`, sql: ` __dbt__cte__${name} as (\n${body}\n)` }));
  return sql;
}
