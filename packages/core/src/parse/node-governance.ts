import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { closestName } from '../diagnostics/suggest.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { configPlace } from '../properties/config-position.js';
import { buildGroups, type GroupEntry } from '../properties/groups.js';
import { pyRepr } from '../properties/py-repr.js';

const ACCESS = new Set(['private', 'protected', 'public']);

/**
 * dbt's groups and model access: the manifest's `groups` and `group_map`, and each node's `group` and (models)
 * `access` fields from its config. A generic test takes the group of the node it tests, as in dbt. Unknown groups
 * and invalid access values are coded errors at the place that sets them.
 */
export function applyGovernance(manifest: Manifest, packages: ProjectPackage[], groupEntries: GroupEntry[], nodes: ManifestNode[], problems: Diagnostic[]): void {
  manifest.groups = buildGroups(groupEntries, problems);
  const names = [...new Set(Object.values(manifest.groups).map((g) => g.name))].sort();
  const known = new Set(names);
  const groupMap: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const node of nodes) {
    const attached = node.resource_type === 'test' && node.attached_node ? manifest.nodes[node.attached_node] : undefined;
    const group = attached ? attached.config.group : node.config.group;
    node.group = typeof group === 'string' && group !== '' ? group : null;
    if (node.group && !attached && !known.has(node.group)) {
      const near = closestName(node.group, names);
      problems.push({
        code: 'TSDBT_GROUP_UNKNOWN', severity: 'error', ...configPlace(packages, node, 'group', node.group),
        message: `Invalid group '${node.group}', expected one of ${pyRepr(names)} (${node.unique_id})`,
        hint: near ? `Did you mean group '${near}'?` : `Declare group '${node.group}' under 'groups:' in a property YAML file, with an owner.`,
      });
    }
    if (node.group) groupMap[node.group]?.push(node.unique_id);
    if (node.resource_type === 'model') setAccess(node, packages, problems);
  }
  for (const ids of Object.values(groupMap)) ids.sort();
  manifest.group_map = groupMap;
}

function setAccess(node: ManifestNode, packages: ProjectPackage[], problems: Diagnostic[]): void {
  const value = node.config.access ?? 'protected';
  const ephemeralPublic = value === 'public' && node.config.materialized === 'ephemeral';
  if (typeof value === 'string' && ACCESS.has(value) && !ephemeralPublic) {
    node.access = value as ManifestNode['access'];
    return;
  }
  node.access = 'protected';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  problems.push({
    code: 'TSDBT_ACCESS_INVALID', severity: 'error', ...configPlace(packages, node, 'access', shown),
    message: `Node ${node.unique_id} ${ephemeralPublic ? "with 'ephemeral' materialization " : ''}has an invalid value (${shown}) for the access field`,
    hint: ephemeralPublic
      ? 'An ephemeral model cannot be public: make it protected or private, or materialize it as a view or table.'
      : "Use one of 'private', 'protected' or 'public'.",
  });
}
