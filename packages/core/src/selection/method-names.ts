import type { GraphMember } from '../graph/graph-members.js';
import { fnmatch, hasWildcard, pathGlob } from './glob.js';
import type { MethodContext } from './types.js';

interface Named extends GraphMember {
  fqn?: string[];
  package_name?: string;
  patch_path?: string | null;
}

/**
 * `fqn:` (and a bare name), as dbt's is_selected_node: the exact leaf name, or a dotted prefix of the fqn with or
 * without the package; from the first part holding a wildcard on, the rest must fnmatch the rest of the fqn.
 */
export function* fqnMethod(ctx: MethodContext, value: string): Iterable<string> {
  const parts = value.split('.');
  // `fqn:*` (every default selection) matches every member that has an fqn: skip the per-member matching.
  const all = value === '*';
  for (const m of ctx.members as Named[]) {
    if (m.resource_type === 'source' || m.resource_type === 'exposure' || !m.fqn?.length) continue;
    if (all || isSelectedNode(m.fqn, value, parts) || isSelectedNode(m.fqn.slice(1), value, parts)) yield m.unique_id;
  }
}

function isSelectedNode(fqn: string[], value: string, parts: string[]): boolean {
  if (fqn.length === 0) return false;
  if (fqn[fqn.length - 1] === value) return true;
  // Most members fail on the first part: reject them before building the flattened fqn.
  const first = parts[0]!;
  if (!hasWildcard(first) && fqn[0] !== first && !fqn[0]!.startsWith(`${first}.`)) return false;
  // Dots inside fqn segments act as namespace separators, as in dbt.
  const flat = fqn.flatMap((s) => s.split('.'));
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i]!)) return fnmatch(flat.slice(i).join('.'), parts.slice(i).join('.'));
    if (flat[i] !== parts[i]) return false;
  }
  return true;
}

/** `file:`: the file name with or without its extension, wildcards allowed. */
export function* fileMethod(ctx: MethodContext, value: string): Iterable<string> {
  for (const m of ctx.members) {
    const file = m.original_file_path;
    if (!file) continue;
    const name = file.replace(/\\/g, '/').split('/').pop()!;
    const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
    if (fnmatch(name, value) || fnmatch(stem, value)) yield m.unique_id;
  }
}

/** `path:`: a file or folder relative to the project root (a glob as pathlib reads it); the property YAML counts too. */
export function* pathMethod(ctx: MethodContext, value: string): Iterable<string> {
  const re = pathGlob(normalise(value));
  for (const m of ctx.members as Named[]) {
    const file = m.original_file_path ? normalise(m.original_file_path) : undefined;
    const patch = m.patch_path ? normalise(m.patch_path.split('://').pop()!) : undefined;
    if ((file && (re.test(file) || folders(file).some((f) => re.test(f)))) || (patch && re.test(patch))) yield m.unique_id;
  }
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

function folders(file: string): string[] {
  const parts = file.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}
