import { ancestors } from '../graph/traverse.js';
import type { MethodContext, IndirectSelection } from './types.js';

const INDIRECT_TYPES = new Set(['test', 'unit_test']);

/**
 * dbt's expand_selection: tests (and unit tests) that are direct children of the selection. Eager takes a test when
 * any parent is selected; cautious only when all are; buildable when all are selected or upstream of the selection.
 * Tests left waiting for their other parents come back as `indirect`, for set operators to reconsider.
 */
export function expandSelection(ctx: MethodContext, selected: Set<string>, mode: IndirectSelection): { direct: Set<string>; indirect: Set<string> } {
  const direct = new Set(selected);
  const indirect = new Set<string>();
  if (mode === 'empty') return { direct, indirect };
  // Expansion counts every source as buildable (they are never built), as dbt's expand_selection does.
  const buildable = mode === 'buildable' ? selectedAndParents(ctx, selected, true) : undefined;
  for (const id of selected) {
    for (const child of ctx.dag.children.get(id) ?? []) {
      if (direct.has(child) || !INDIRECT_TYPES.has(ctx.dag.members.get(child)?.resource_type ?? '')) continue;
      const parents = ctx.dag.parents.get(child) ?? [];
      if (mode === 'eager' || parents.every((p) => selected.has(p))) direct.add(child);
      else if (buildable && parents.every((p) => buildable.has(p))) direct.add(child);
      else indirect.add(child);
    }
  }
  return { direct, indirect };
}

/**
 * dbt's incorporate_indirect_nodes: after a set operation, take waiting tests whose parents are now all present.
 * Unlike expansion, dbt does not count sources as present here unless they are upstream of the combined selection.
 */
export function incorporateIndirect(ctx: MethodContext, direct: Set<string>, indirect: Set<string>, mode: IndirectSelection): Set<string> {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const selected = new Set(direct);
  const allowed = mode === 'buildable' ? selectedAndParents(ctx, direct, false) : selected;
  for (const id of indirect) {
    if (selected.has(id)) continue;
    const parents = ctx.dag.parents.get(id) ?? [];
    if (parents.every((p) => allowed.has(p))) selected.add(id);
  }
  return selected;
}

function selectedAndParents(ctx: MethodContext, selected: Set<string>, withSources: boolean): Set<string> {
  const out = new Set([...selected, ...ancestors(ctx.dag, selected)]);
  if (withSources) for (const m of ctx.members) if (m.resource_type === 'source') out.add(m.unique_id);
  return out;
}
