import type { Manifest, ManifestNode, SelectOptions } from '@tsdbt/core';
import { selectNodes } from './core-api.js';

export type TaskKind = 'run' | 'seed' | 'test' | 'build' | 'snapshot' | 'clone';

export const TASK_RESOURCE_TYPES: Record<TaskKind, string[]> = {
  run: ['model'],
  seed: ['seed'],
  test: ['test', 'unit_test'],
  snapshot: ['snapshot'],
  build: ['model', 'seed', 'snapshot', 'test', 'unit_test'],
  // dbt's NodeType.refable(): what `clone` copies from --state.
  clone: ['model', 'seed', 'snapshot'],
};

export interface Plan {
  ids: string[];
  nodes: Map<string, ManifestNode>;
  /** Parents among the planned ids (through unplanned nodes, so order holds across gaps). */
  parents: Map<string, string[]>;
}

export function manifestEntry(manifest: Manifest, id: string): ManifestNode | undefined {
  return manifest.nodes[id] ?? manifest.unit_tests?.[id];
}

/**
 * Selected ids in DAG order, by core's selector (dbt's syntax, selectors.yml, state:, indirect selection). Only the
 * task's own types run: `--resource-type` / `--exclude-resource-type` narrow them (`test --resource-type model`, or
 * `build --resource-type source`, selects nothing), as dbt's ResourceTypeSelector does.
 */
function selectedIds(manifest: Manifest, kind: TaskKind, options: SelectOptions): string[] {
  const taskTypes = new Set(TASK_RESOURCE_TYPES[kind]);
  const resourceTypes = options.resourceTypes?.length ? options.resourceTypes : TASK_RESOURCE_TYPES[kind];
  const ids = selectNodes(manifest, { ...options, selectors: options.selectors ?? manifest.selectors, resourceTypes });
  return ids.filter((id) => taskTypes.has(manifestEntry(manifest, id)?.resource_type ?? ''));
}

/** Nearest planned ancestors of each planned node, walking through nodes that are not planned. */
function plannedParents(manifest: Manifest, ids: string[]): Map<string, string[]> {
  const planned = new Set(ids);
  const memo = new Map<string, Set<string>>();
  const reach = (id: string, seen: Set<string>): Set<string> => {
    const hit = memo.get(id);
    if (hit) return hit;
    const out = new Set<string>();
    for (const p of manifestEntry(manifest, id)?.depends_on?.nodes ?? []) {
      if (seen.has(p)) continue;
      if (planned.has(p)) out.add(p);
      else for (const x of reach(p, new Set([...seen, p]))) out.add(x);
    }
    memo.set(id, out);
    return out;
  };
  return new Map(ids.map((id) => [id, [...reach(id, new Set([id]))]]));
}

/**
 * `build`: a model's tests run right after it and gate its children (dbt's build order), so a failing test skips
 * everything downstream. A test never gates one of its own ancestors (that would be a cycle).
 */
function gateChildrenOnTests(plan: Plan): void {
  const ancestorsOf = (id: string): Set<string> => {
    const out = new Set<string>();
    const stack = [...(plan.parents.get(id) ?? [])];
    while (stack.length) {
      const x = stack.pop()!;
      if (out.has(x)) continue;
      out.add(x);
      stack.push(...(plan.parents.get(x) ?? []));
    }
    return out;
  };
  const children = new Map<string, string[]>();
  for (const [id, ps] of plan.parents) for (const p of ps) children.set(p, [...(children.get(p) ?? []), id]);
  for (const id of plan.ids) {
    const node = plan.nodes.get(id)!;
    if (node.resource_type !== 'test') continue;
    const testAncestors = ancestorsOf(id);
    for (const parent of plan.parents.get(id) ?? []) {
      for (const child of children.get(parent) ?? []) {
        const c = plan.nodes.get(child)!;
        if (child === id || c.resource_type === 'test' || c.resource_type === 'unit_test' || testAncestors.has(child)) continue;
        plan.parents.set(child, [...new Set([...(plan.parents.get(child) ?? []), id])]);
      }
    }
  }
}

/** `build`: a model's unit tests run before it (on its parents' schedule), and a failing one skips the model. */
function unitTestsBeforeTheirModel(plan: Plan): void {
  for (const id of plan.ids) {
    if (plan.nodes.get(id)!.resource_type !== 'unit_test') continue;
    const model = plan.parents.get(id)?.find((p) => plan.nodes.get(p)?.resource_type === 'model');
    if (!model) continue;
    plan.parents.set(id, [...(plan.parents.get(model) ?? [])]);
    plan.parents.set(model, [...new Set([...(plan.parents.get(model) ?? []), id])]);
  }
}

export async function buildPlan(manifest: Manifest, kind: TaskKind, options: SelectOptions & { uniqueIds?: string[] }): Promise<Plan> {
  const selected = options.uniqueIds ?? selectedIds(manifest, kind, options);
  // Ephemeral models are inlined into their children; they never run on their own.
  const ids = selected.filter((id) => {
    const n = manifestEntry(manifest, id);
    return n && !(n.resource_type === 'model' && n.config.materialized === 'ephemeral');
  });
  const nodes = new Map(ids.map((id) => [id, manifestEntry(manifest, id)!]));
  const plan: Plan = { ids, nodes, parents: plannedParents(manifest, ids) };
  if (kind === 'build') {
    unitTestsBeforeTheirModel(plan);
    gateChildrenOnTests(plan);
  }
  return plan;
}
