/**
 * depends_on.macros as dbt fills it, which `state:modified` follows to find nodes whose macros changed:
 * - a rendered node (model, snapshot, analysis, singular test) lists the macros its template called itself while it
 *   was parsed (recorded by the render, see jinja MACRO_CALLS);
 * - a generic test lists its test macro and `get_where_subquery`, which wraps its model argument;
 * - a macro lists what its body calls, read statically (dbt's statically_extract_macro_calls), with
 *   `adapter.dispatch` resolved to the macro this adapter would run.
 */
import { dispatchCandidates } from '../context/macro-caller.js';
import type { JinjaEngine, StaticMacroCall } from '../jinja/index.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { ParsedProject } from '../project/parsed-project.js';

/** The unique_id of the macro a name resolves to from `localPackage`: that package first, then the global winner. */
function macroId(engine: JinjaEngine, localPackage: string | undefined, name: string): string | undefined {
  return (localPackage !== undefined ? engine.getMacro(localPackage, name)?.__jinja.id : undefined) ?? engine.getMacro(undefined, name)?.__jinja.id;
}

/** A generic test: its test macro (from its namespace when it has one), then get_where_subquery. */
function genericTestMacros(engine: JinjaEngine, node: ManifestNode): string[] {
  const meta = node.test_metadata;
  if (!meta) return [];
  const test = macroId(engine, meta.namespace ?? undefined, `test_${meta.name}`);
  const where = macroId(engine, undefined, 'get_where_subquery');
  return [test, where].filter((id): id is string => id !== undefined);
}

function resolveCall(project: ParsedProject, ownPackage: string, ownName: string, call: StaticMacroCall): string[] {
  const { engine } = project;
  if ('dispatch' in call) {
    // dbt lists the bare name too (skipped when it is the macro itself), then what dispatch picks for this adapter.
    const bare = call.dispatch === ownName ? undefined : macroId(engine, ownPackage, call.dispatch);
    const picked = dispatchCandidates({ project }, call.dispatch, call.namespace).find(([pkg, name]) => engine.hasMacro(pkg, name));
    const dispatched = picked ? engine.getMacro(picked[0], picked[1])?.__jinja.id : undefined;
    return [bare, dispatched].filter((id): id is string => id !== undefined);
  }
  if (call.package === undefined && call.name === ownName) return [];
  const id = macroId(engine, call.package ?? ownPackage, call.name);
  return id ? [id] : [];
}

/** Fills depends_on.macros of the manifest's macros and generic tests (rendered nodes got theirs while parsing). */
export function fillMacroDependencies(project: ParsedProject, macros: Manifest['macros'], nodes: ManifestNode[] = Object.values(project.manifest.nodes)): void {
  for (const def of project.engine.macros()) {
    const entry = macros[`macro.${def.packageName}.${def.name}`] as { depends_on: { macros: string[] } } | undefined;
    if (!entry || !def.calls?.length) continue;
    const deps = new Set<string>();
    for (const call of def.calls) for (const id of resolveCall(project, def.packageName, def.name, call)) deps.add(id);
    entry.depends_on.macros = [...deps];
  }
  // 20,000 tests use a handful of test macros: resolve each (namespace, name) once.
  const byTest = new Map<string | null, Map<string, string[]>>();
  for (const node of nodes) {
    const meta = node.test_metadata;
    if (node.resource_type !== 'test' || !meta) continue;
    let byName = byTest.get(meta.namespace);
    if (!byName) byTest.set(meta.namespace, (byName = new Map()));
    let ids = byName.get(meta.name);
    if (!ids) byName.set(meta.name, (ids = genericTestMacros(project.engine, node)));
    node.depends_on.macros = ids.slice();
  }
}
