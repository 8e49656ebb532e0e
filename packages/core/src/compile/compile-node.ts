import { join, relative, sep } from 'node:path';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { injectCtes } from './inject-ctes.js';
import { renderNode } from './render-node.js';
import { quickBuiltinTestSql } from './builtin-test-fast-path.js';

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

/** A path part with nothing for path.join to normalise (no `.`/`..` segment, no doubled or back slash). */
const PLAIN_REL = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\]*[^/\\]$/;

/** `<target>/compiled/<package>/` relative to the project, once per project and package (30,000 joins add up). */
const prefixes = new WeakMap<ParsedProject, Map<string, string>>();
function compiledPrefix(project: ParsedProject, packageName: string): string {
  let byPackage = prefixes.get(project);
  if (!byPackage) prefixes.set(project, (byPackage = new Map()));
  let prefix = byPackage.get(packageName);
  if (prefix === undefined) byPackage.set(packageName, (prefix = join(relative(project.projectDir, project.targetPath) || '.', 'compiled', packageName)));
  return prefix;
}

/**
 * dbt's compiled_path: target/compiled/<package>/<file> when the node is its file, else <file>/<node path> (generic
 * tests and YAML-declared snapshots live under their YAML file's path, as dbt's get_target_write_path does).
 */
export function compiledPath(project: ParsedProject, node: ManifestNode): string {
  const ofp = node.original_file_path;
  const rel = baseName(node.path) === baseName(ofp) ? ofp : `${ofp}/${node.path}`;
  const prefix = compiledPrefix(project, node.package_name);
  return sep === '/' && PLAIN_REL.test(rel) ? `${prefix}/${rel}` : join(prefix, rel);
}

/**
 * Compiles one node: renders it (execute as the runtime says), inlines ephemeral refs as `__dbt__cte__` CTEs,
 * and records compiled_code on the manifest node (unless runtime.record is false).
 */
export async function compileNode(project: ParsedProject, uniqueId: string, runtime: RenderRuntime): Promise<string> {
  const node = findNode(project, uniqueId);
  if (node.resource_type === 'seed') return '';
  const quick = compileBuiltinTest(project, node, runtime);
  if (quick !== undefined) return quick;
  const rendered = await renderNode(project, node, runtime);
  const ctes = await ephemeralCtes(project, rendered.ephemerals, runtime);
  const sql = injectCtes(rendered.sql, ctes);
  return runtime.record === false ? sql : recordCompiled(project, node, sql, ctes);
}

/**
 * compileNode without awaiting, for a built-in generic test whose SQL is cached (no ephemeral CTEs then): most
 * nodes of a large project, and three promises each add up. Undefined when the test needs the full path.
 */
export function compileBuiltinTest(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime): string | undefined {
  if (!node.test_metadata || node.resource_type !== 'test') return undefined;
  const sql = quickBuiltinTestSql(project, node, runtime);
  return sql === undefined ? undefined : recordCompiled(project, node, sql, []);
}

function recordCompiled(project: ParsedProject, node: ManifestNode, sql: string, ctes: [string, string][]): string {
  node.compiled_code = sql;
  node.compiled = true;
  node.compiled_path = compiledPath(project, node);
  node.extra_ctes_injected = true;
  node.extra_ctes = ctes.map(([name, body]) => ({ id: `model.${node.package_name}.${name}`, sql: ` __dbt__cte__${name} as (\n${body}\n)` }));
  return sql;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
