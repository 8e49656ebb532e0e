import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { resolveRef, resolveSource } from '../context/node-index.js';
import { Relation } from '../context/relation.js';
import { quotingOf, relationFor } from '../context/render-scope.js';
import { builtinTests, peekTestSql, testKey } from './builtin-test-cache.js';

/** `ref('x')`, `ref('pkg', 'x')`, `source('a', 'b')` with literal arguments. */
export const SIMPLE_CALL = /^\s*(ref|source)\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)\s*$/;
/** The tested relation's expression inside dbt's `{{ get_where_subquery(ref('x')) }}`. */
export const WHERE_SUBQUERY = /get_where_subquery\((.*)\)\s*}}$/;

/**
 * The compiled SQL of a built-in generic test whose SQL for its arguments is already cached (see
 * builtin-test-cache.ts), without a scope, a context or Relation objects: 20,000 tests of a large project go
 * through here. Undefined whenever anything could differ from renderNode's full path (a string argument to render,
 * an ephemeral or overridden or unknown target, macro overrides, `where`): the caller then renders in full.
 */
export function quickBuiltinTestSql(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime): string | undefined {
  const md = node.test_metadata;
  if (!md || md.namespace || node.config.where || !builtinTests(project).has(md.name)) return undefined;
  if (runtime.macroOverrides && Object.keys(runtime.macroOverrides).length > 0) return undefined;
  const rest: Record<string, unknown> = {};
  for (const key in md.kwargs) {
    if (key === 'model' || !Object.hasOwn(md.kwargs, key)) continue;
    const value = md.kwargs[key];
    // renderNode renders string arguments (but column_name) as Jinja; those take the full path.
    if (key !== 'column_name' && typeof value === 'string') return undefined;
    rest[key] = value;
  }
  const relation = modelRelation(project, node, runtime, String(md.kwargs.model));
  return relation === undefined ? undefined : peekTestSql(project, testKey(md.name, rest, node), relation);
}

/**
 * The relations of tested models by package and `model` argument, for one compile (a model's tests share it: no
 * regex match and Relation per test). Only without ref overrides, which a runtime may change between nodes.
 */
const relations = new WeakMap<RenderRuntime, { project: ParsedProject; byPackage: Map<string, Map<string, string | null>> }>();

function modelRelation(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime, model: string): string | undefined {
  if (runtime.refOverrides) return quickModelRelation(project, node, runtime, model);
  let memo = relations.get(runtime);
  if (memo?.project !== project) relations.set(runtime, (memo = { project, byPackage: new Map() }));
  let byModel = memo.byPackage.get(node.package_name);
  if (!byModel) memo.byPackage.set(node.package_name, (byModel = new Map()));
  let relation = byModel.get(model);
  if (relation === undefined) byModel.set(model, (relation = quickModelRelation(project, node, runtime, model) ?? null));
  return relation ?? undefined;
}

function quickModelRelation(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime, model: string): string | undefined {
  const target = WHERE_SUBQUERY.exec(model)?.[1];
  return target === undefined ? undefined : quickRelation(project, node, runtime, target);
}

/** What ref()/source() in renderNode would print for this expression, when that is plain (see makeRef/makeSource). */
function quickRelation(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime, expr: string): string | undefined {
  const m = SIMPLE_CALL.exec(expr);
  if (!m) return undefined;
  const root = project.projectName;
  if (m[1] === 'ref') {
    const call = m[3] === undefined ? { name: m[2]!, package: null, version: null } : { name: m[3], package: m[2]!, version: null };
    const found = resolveRef(project.manifest, call, node.package_name, root);
    if (!found || found.config.materialized === 'ephemeral' || runtime.refOverrides?.has(found.unique_id)) return undefined;
    return relationFor(project, found).render();
  }
  if (m[3] === undefined) return undefined;
  const src = resolveSource(project.manifest, m[2]!, m[3], node.package_name, root);
  if (!src || runtime.refOverrides?.has(src.unique_id)) return undefined;
  const ref = { database: src.database ?? undefined, schema: src.schema, identifier: src.identifier };
  return new Relation(project.dialect, ref, { ...quotingOf(project), ...(src.quoting as object) }).render();
}
