import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildGraph } from '../graph/build-graph.js';
import type { DagGraph } from '../graph/dag-graph.js';
import { assertAcyclic } from '../graph/cycle-diagnostic.js';
import type { GraphMember } from '../graph/graph-members.js';
import type { Manifest } from '../manifest/types.js';
import { evaluate, type EvaluateEnv } from './evaluate.js';
import { parseDifference, parseUnion } from './parse-spec.js';
import { SelectorResolver } from './parse-selector.js';
import { defaultSelector, normaliseSelectors } from './selector-definitions.js';
import { INDIRECT_SELECTION_MODES, type IndirectSelection, type SelectOptions, type SelectionSpec, type SelectorDefinition } from './types.js';

/** What dbt selects when no --select is given. */
const DEFAULT_INCLUDES = ['fqn:*', 'source:*', 'exposure:*', 'metric:*', 'semantic_model:*', 'saved_query:*', 'unit_test:*'];
/** dbt ls: every resource type but analyses unless asked (`default`), or really all (`all`). */
const ALL_TYPES = ['model', 'seed', 'snapshot', 'test', 'source', 'analysis', 'exposure', 'unit_test', 'metric', 'semantic_model', 'saved_query'];
export const DEFAULT_RESOURCE_TYPES = ALL_TYPES.filter((t) => t !== 'analysis');

export interface SelectionResult {
  /** Unique ids in DAG order (parents first). */
  selected: string[];
  /** Warnings such as a criterion that matches nothing. */
  diagnostics: Diagnostic[];
}

/** Selects nodes the way dbt does for `--select`, `--exclude`, `--selector` and selectors.yml's default. */
export function select(manifest: Manifest, options: SelectOptions = {}): SelectionResult {
  const dag = options.graph ?? buildGraph(manifest);
  assertAcyclic(dag);
  const indirect = options.indirectSelection ?? 'eager';
  if (!INDIRECT_SELECTION_MODES.includes(indirect)) {
    throw new TsdbtError('TSDBT_SELECTOR_INVALID', `Unknown indirect selection "${String(indirect)}".`, { exitCode: 2, hint: `Use one of: ${INDIRECT_SELECTION_MODES.join(', ')}.` });
  }
  // dbt writes selectors.yml into manifest.selectors; use them when the caller passes none.
  const stored = manifest.selectors && Object.keys(manifest.selectors).length > 0 ? manifest.selectors : undefined;
  const selectors = normaliseSelectors(options.selectors ?? stored);
  const resolver = new SelectorResolver(selectors, indirect);
  if (isImplicitSelection(options, selectors) && selectsEveryMember(dag.orderMembers)) {
    return { selected: keepTypes(dag, typeFilter(options)), diagnostics: [] };
  }
  const spec = chooseSpec(options, resolver, selectors, indirect);
  const env: EvaluateEnv = {
    manifest,
    dag,
    members: [...dag.members.values()],
    state: options.state,
    previousResults: options.previousResults,
    previousSources: options.previousSources,
    currentSources: options.currentSources,
    resolveSelector: (name) => resolver.resolve(name),
    diagnostics: [],
    selectorStack: [],
  };
  const { direct } = evaluate(env, spec);
  const keep = typeFilter(options);
  const selected = dag.order.filter((id) => direct.has(id) && keep(dag.members.get(id)!.resource_type));
  for (const d of env.diagnostics) options.onDiagnostic?.(d);
  return { selected, diagnostics: env.diagnostics };
}

/** The unique ids `select()` picks, in DAG order. */
export function selectNodes(manifest: Manifest, options: SelectOptions = {}): string[] {
  return select(manifest, options).selected;
}

function chooseSpec(options: SelectOptions, resolver: SelectorResolver, selectors: Map<string, SelectorDefinition>, indirect: IndirectSelection): SelectionSpec {
  if (options.selector) return resolver.resolve(options.selector);
  const hasSelect = Boolean(options.select?.some((s) => s.trim() !== ''));
  const hasExclude = Boolean(options.exclude?.some((s) => s.trim() !== ''));
  const fallback = !hasSelect && !hasExclude ? defaultSelector(selectors) : undefined;
  if (fallback) return resolver.resolve(fallback.name);
  const include = hasSelect ? parseUnion(options.select!, indirect) : quiet(parseUnion(DEFAULT_INCLUDES, indirect));
  return parseDifference(include, hasExclude ? options.exclude : undefined, indirect);
}

/** No --select, --exclude, --selector, nor a default selector: chooseSpec would take DEFAULT_INCLUDES alone. */
function isImplicitSelection(options: SelectOptions, selectors: Map<string, SelectorDefinition>): boolean {
  if (options.selector) return false;
  if (options.select?.some((s) => s.trim() !== '') || options.exclude?.some((s) => s.trim() !== '')) return false;
  return defaultSelector(selectors) === undefined;
}

/** `order` with the members of the kept types; all of it when every type is kept (a plain compile). */
function keepTypes(dag: DagGraph, keep: (type: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < dag.order.length; i++) if (keep(dag.orderMembers[i]!.resource_type)) out.push(dag.order[i]!);
  return out;
}

/**
 * Whether DEFAULT_INCLUDES pick every graph member: `source:*` and the named-type methods take every member of
 * their type, `fqn:*` every other member with an fqn. Then the union is every member, eager or not, with no
 * warning (the implicit selection is quiet), and evaluating it would only rebuild that set.
 */
function selectsEveryMember(members: GraphMember[]): boolean {
  for (const m of members) {
    if (NAMED_TYPES.has(m.resource_type)) continue;
    const fqn = (m as { fqn?: unknown[] }).fqn;
    if (!fqn?.length) return false;
  }
  return true;
}
const NAMED_TYPES = new Set(['source', 'exposure', 'metric', 'semantic_model', 'saved_query', 'unit_test']);

/** The implicit "everything" must not warn when, say, a project has no exposures. */
function quiet(spec: SelectionSpec): SelectionSpec {
  if (spec.kind !== 'criteria') {
    spec.expectExists = false;
    spec.components.forEach(quiet);
  }
  return spec;
}

/** --resource-type / --exclude-resource-type as a predicate on a member's resource type. */
function typeFilter(options: SelectOptions): (type: string) => boolean {
  const types = expandResourceTypes(options.resourceTypes);
  const dropped = expandResourceTypes(options.excludeResourceTypes);
  return (type) => (!types || types.has(type)) && !dropped?.has(type);
}

function expandResourceTypes(types: string[] | undefined): Set<string> | undefined {
  if (!types || types.length === 0) return undefined;
  const out = new Set<string>();
  for (const t of types) {
    if (t === 'all') ALL_TYPES.forEach((x) => out.add(x));
    else if (t === 'default') DEFAULT_RESOURCE_TYPES.forEach((x) => out.add(x));
    else if (ALL_TYPES.includes(t)) out.add(t);
    else throw new TsdbtError('TSDBT_SELECTOR_INVALID', `Unknown resource type "${t}".`, { exitCode: 2, hint: `Use one of: ${[...ALL_TYPES, 'default', 'all'].join(', ')}.` });
  }
  return out;
}
