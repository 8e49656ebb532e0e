import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { closestName } from '../diagnostics/suggest.js';
import { nodeIndex, resolveRef, resolveSource } from '../context/node-index.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { displayFile, position } from './render-errors.js';
import { trimmed } from '../util/trimmed.js';
import { escapeRegExp } from '../util/escape-regexp.js';


/** Where a ref/source call to `name` sits in the node's code, for the diagnostic's line and column. */
function locate(node: ManifestNode, fn: 'ref' | 'source', name: string): { line?: number; column?: number } {
  const re = new RegExp(`\\b${fn}\\s*\\((?:\\s*['"][^'"]*['"]\\s*,)?\\s*['"]${escapeRegExp(name)}['"]`);
  const m = re.exec(node.raw_code);
  if (!m || node.resource_type === 'test' && node.test_metadata) return {};
  return position(node.raw_code, m.index, node.tsdbt_line ?? 1);
}

/** Fills depends_on.nodes from refs and sources; unknown or disabled targets become diagnostics with a suggestion. */
export function resolveDependencies(project: ParsedProject, disabled: Map<string, ManifestNode>, problems: Diagnostic[], nodes?: ManifestNode[]): void {
  const manifest = project.manifest;
  const root = project.projectName;
  // Names to suggest from, listed only when something does not resolve.
  const names = () => [...nodeIndex(manifest).byName.keys()];
  const sourceNames = () => [...nodeIndex(manifest).sources.keys()];
  for (const node of nodes ?? Object.values(manifest.nodes)) {
    // A plain list, not a Set: a node has a few dependencies, and this runs for every node (30,000).
    const deps: string[] = [];
    for (const ref of node.refs) {
      const target = resolveRef(manifest, ref, node.package_name, root);
      if (target) {
        if (!deps.includes(target.unique_id)) deps.push(target.unique_id);
        continue;
      }
      const file = displayFile(project, node.package_name, node.original_file_path);
      const off = [...disabled.values()].find((d) => d.name === ref.name);
      const near = closestName(ref.name, names());
      problems.push({
        code: off ? 'TSDBT_REF_DISABLED' : 'TSDBT_REF_NOT_FOUND',
        severity: 'error',
        message: off
          ? `${node.resource_type} '${node.name}' depends on '${ref.name}', which is disabled`
          : `${node.resource_type} '${node.name}' depends on '${ref.package ? `${ref.package}.` : ''}${ref.name}', which was not found`,
        file,
        ...locate(node, 'ref', ref.name),
        hint: off ? `Enable ${off.original_file_path} or remove the ref.` : near ? `Did you mean ref('${near}')?` : 'Check the name of the model, seed or snapshot.',
      });
    }
    for (const [s, t] of node.sources) {
      const src = resolveSource(manifest, s, t, node.package_name, root);
      if (src) {
        if (!deps.includes(src.unique_id)) deps.push(src.unique_id);
        continue;
      }
      const near = closestName(`${s}.${t}`, sourceNames());
      const file = displayFile(project, node.package_name, node.original_file_path);
      problems.push({
        code: 'TSDBT_SOURCE_NOT_FOUND', severity: 'error', file, ...locate(node, 'source', s),
        message: `${node.resource_type} '${node.name}' depends on source '${s}.${t}', which was not found`,
        hint: near ? `Did you mean source('${near.replace('.', "', '")}')?` : `Declare it under 'sources:' in a property YAML file.`,
      });
    }
    node.depends_on.nodes = trimmed(deps);
  }
}

/** Finds dependency cycles; each is one error listing every node of the cycle with its file. */
export function findCycles(project: ParsedProject, problems: Diagnostic[], nodes: ManifestNode[] = Object.values(project.manifest.nodes)): void {
  const manifest: Manifest = project.manifest;
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const dep of manifest.nodes[id]?.depends_on.nodes ?? []) {
      if (!manifest.nodes[dep]) continue;
      if (state.get(dep) === 1) report(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(id, 2);
  };
  const report = (cycle: string[]) => {
    const first = manifest.nodes[cycle[0]!]!;
    const lines = [...cycle, cycle[0]!].map((id) => {
      const n = manifest.nodes[id]!;
      return `${n.unique_id} (${displayFile(project, n.package_name, n.original_file_path)})`;
    });
    problems.push({
      code: 'TSDBT_CYCLE', severity: 'error', file: displayFile(project, first.package_name, first.original_file_path),
      message: `Found a cycle: ${lines.join(' --> ')}`,
      hint: 'Remove one of the refs so the models form a DAG.',
    });
  };
  for (const { unique_id: id } of nodes) if (!state.has(id)) visit(id);
}
