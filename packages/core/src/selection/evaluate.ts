import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ancestors, childrensParents, descendants } from '../graph/traverse.js';
import { closestName as closest } from '../diagnostics/suggest.js';
import { expandSelection, incorporateIndirect } from './indirect.js';
import { METHODS } from './methods.js';
import type { MethodContext, SelectionCriteria, SelectionSet, SelectionSpec } from './types.js';

interface Bundle {
  direct: Set<string>;
  indirect: Set<string>;
}

export interface EvaluateEnv extends MethodContext {
  /** Resolves `selector:name` to that selector's spec. */
  resolveSelector: (name: string) => SelectionSpec;
  diagnostics: Diagnostic[];
  /** Selectors being evaluated through `selector:` (to stop a selector that names itself). */
  selectorStack: string[];
}

/** dbt's select_nodes_recursively: criteria select and expand to tests; sets combine direct and waiting tests. */
export function evaluate(env: EvaluateEnv, spec: SelectionSpec): Bundle {
  return spec.kind === 'criteria' ? evaluateCriteria(env, spec) : evaluateSet(env, spec);
}

function evaluateCriteria(env: EvaluateEnv, spec: SelectionCriteria): Bundle {
  if (spec.method === 'selector') {
    if (env.selectorStack.includes(spec.value)) {
      throw new TsdbtError('TSDBT_SELECTORS_YAML', `Selector "${spec.value}" refers to itself: ${[...env.selectorStack, spec.value].join(' → ')}.`);
    }
    env.selectorStack.push(spec.value);
    const inner = evaluate(env, env.resolveSelector(spec.value)).direct;
    env.selectorStack.pop();
    return withNeighbours(env, spec, inner);
  }
  const collected = new Set(METHODS[spec.method]!(env, spec.value, spec.args));
  return withNeighbours(env, spec, collected);
}

function withNeighbours(env: EvaluateEnv, spec: SelectionCriteria, collected: Set<string>): Bundle {
  const selected = new Set(collected);
  if (spec.childrensParents) for (const id of childrensParents(env.dag, collected)) selected.add(id);
  if (spec.parents) for (const id of ancestors(env.dag, collected, spec.parentsDepth)) selected.add(id);
  if (spec.children) for (const id of descendants(env.dag, collected, spec.childrenDepth)) selected.add(id);
  return expandSelection(env, selected, spec.indirectSelection);
}

function evaluateSet(env: EvaluateEnv, spec: SelectionSet): Bundle {
  const bundles = spec.components.map((c) => evaluate(env, c));
  const initialDirect = combine(spec.kind, bundles.map((b) => b.direct));
  const indirect = combine(spec.kind, bundles.map((b) => new Set([...b.direct, ...b.indirect])));
  const direct = incorporateIndirect(env, initialDirect, indirect, spec.indirectSelection);
  if (spec.expectExists && direct.size === 0) {
    env.diagnostics.push({
      code: 'TSDBT_SELECTOR_NO_MATCH',
      severity: 'warning',
      message: `The selection criterion '${spec.raw}' does not match any enabled nodes`,
      hint: noMatchHint(env, spec),
    });
  }
  return { direct, indirect };
}

/** For a plain name, the nearest node name; otherwise a pointer to `tsdbt ls`. */
function noMatchHint(env: EvaluateEnv, spec: SelectionSet): string {
  const only = spec.components.length === 1 ? spec.components[0] : undefined;
  if (only?.kind === 'criteria' && only.method === 'fqn' && !only.value.includes('.')) {
    const near = closest(only.value, new Set(env.members.map((m) => (m as { name?: string }).name ?? '')));
    if (near) return `Did you mean "${near}"?`;
  }
  return "Check the spelling; 'tsdbt ls' lists every node.";
}

function combine(kind: SelectionSet['kind'], sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  if (kind === 'union') {
    const out = new Set<string>();
    for (const s of sets) for (const id of s) out.add(id);
    return out;
  }
  const [first, ...rest] = sets as [Set<string>, ...Set<string>[]];
  if (kind === 'intersection') return new Set([...first].filter((id) => rest.every((s) => s.has(id))));
  return new Set([...first].filter((id) => !rest.some((s) => s.has(id))));
}
