import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveRef } from '../context/node-index.js';
import type { ManifestNode, RefCall } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { textPosition, yamlPosition, type Position } from '../util/yaml-position.js';
import { displayFile, position } from './render-errors.js';
import { escapeRegExp } from '../util/escape-regexp.js';


/** A node that refs: a file node, a generic test, an exposure (which has no group, as in dbt). */
type Referrer = Pick<ManifestNode, 'unique_id' | 'resource_type' | 'name' | 'package_name' | 'original_file_path' | 'refs' | 'raw_code'> &
  Partial<Pick<ManifestNode, 'group' | 'test_metadata' | 'tsdbt_line' | 'file_key_name'>>;

/**
 * dbt's ref access rules, checked at parse for every enabled node and exposure: a private model only from nodes of
 * its group (and, when its package sets `restrict-access: true`, of its package), a protected model not from another
 * package when its package sets `restrict-access: true`. Each violation is an error at the ref, with dbt's message.
 */
export function checkAccess(project: ParsedProject, nodes: ManifestNode[], exposures: Referrer[], problems: Diagnostic[]): void {
  const { manifest, packages } = project;
  const restricted = new Set(packages.filter((p) => p.config.raw['restrict-access'] === true).map((p) => p.name));
  // Nothing private and no package restricting access (most projects): no ref can break a rule.
  if (restricted.size === 0 && !nodes.some((n) => n.access === 'private')) return;
  for (const node of [nodes, exposures].flat() as Referrer[]) {
    for (const ref of node.refs) {
      const target = resolveRef(manifest, ref, node.package_name, project.projectName);
      if (!target || target.resource_type !== 'model') continue;
      const crossRestricted = node.package_name !== target.package_name && restricted.has(target.package_name);
      const denied =
        target.access === 'private' ? !node.group || node.group !== target.group || crossRestricted : target.access === 'protected' && crossRestricted;
      if (!denied) continue;
      const priv = target.access === 'private';
      const scope = priv ? `'${target.group ?? ''}' group` : `'${target.package_name}' package`;
      problems.push({
        code: priv ? 'TSDBT_REF_PRIVATE' : 'TSDBT_REF_PROTECTED', severity: 'error',
        file: displayFile(project, node.package_name, node.original_file_path),
        ...refPosition(project, node, ref),
        message: `Node ${node.unique_id} attempted to reference node ${target.unique_id}, which is not allowed because the referenced node is ${target.access} to the ${scope}.`,
        hint: priv
          ? target.group && node.resource_type !== 'exposure' && !crossRestricted
            ? `Put ${node.resource_type} '${node.name}' in group '${target.group}' (config 'group'), or make '${target.name}' protected or public (config 'access').`
            : `Make '${target.name}' protected or public (config 'access') to ref it from here.`
          : `Package '${target.package_name}' sets restrict-access: true; ref one of its public models instead, or ask its owners to make '${target.name}' public.`,
      });
    }
  }
}

/** Where the ref call sits: in the node's SQL, else (generic tests, exposures) in its YAML file. */
function refPosition(project: ParsedProject, node: Referrer, ref: RefCall): Position {
  const pkgPart = ref.package ? `['"]${escapeRegExp(ref.package)}['"]\\s*,\\s*` : `(?:['"][^'"]*['"]\\s*,\\s*)?`;
  const re = new RegExp(`\\bref\\s*\\(\\s*${pkgPart}['"]${escapeRegExp(ref.name)}['"]`);
  if (node.resource_type !== 'exposure' && !node.test_metadata) {
    const m = re.exec(node.raw_code);
    return m ? position(node.raw_code, m.index, node.tsdbt_line ?? 1) : {};
  }
  const pkg = project.packages.find((p) => p.name === node.package_name);
  if (!pkg) return {};
  const abs = join(pkg.dir, node.original_file_path);
  // The YAML entry that declares the node (`exposures: - name: dash`, `models: - name: orders`): its refs follow it.
  const [kind, name] = node.resource_type === 'exposure' ? ['exposures', node.name] : (node.file_key_name ?? '').split(/\.(.*)/s);
  const entry = kind && name ? yamlPosition(abs, [kind, { name }]) : {};
  return textPosition(abs, re, entry.exact ? entry.line : 1);
}
