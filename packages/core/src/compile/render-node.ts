import { buildDbtContext } from '../context/dbt-context.js';
import { callEngineMacro } from '../context/call-engine-macro.js';
import { RawRelation } from '../context/relation.js';
import { newCapture, type RenderScope } from '../context/render-scope.js';
import { renderResumable } from '../jinja/index.js';
import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { displayFile } from '../parse/render-errors.js';
import { canReuse, reuseParseOutput } from './parse-output.js';
import { builtinTestKey, cachedTestSql, MODEL_MARKER } from './builtin-test-cache.js';
import { renderString } from '../util/render-value.js';
import { quickBuiltinTestSql, SIMPLE_CALL, WHERE_SUBQUERY } from './builtin-test-fast-path.js';

/** dbt renders `to: ref('x')`-style test arguments as Jinja expressions. */
const LOOKS_LIKE_FUNC = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

export interface RenderedNode {
  sql: string;
  /** Ephemeral models referenced, in order. */
  ephemerals: string[];
}

export function newScope(project: ParsedProject, node: ManifestNode | undefined, runtime: RenderRuntime): RenderScope {
  return { project, node, packageName: node?.package_name ?? project.projectName, runtime, parsing: false, capture: newCapture(), results: new Map() };
}


/** `ref('x')` / `source('a', 'b')` evaluated directly; anything else goes through the template engine. */
function evalArg(scope: RenderScope, expr: string, ctx: Record<string, unknown>, file: string): unknown {
  const m = SIMPLE_CALL.exec(expr);
  if (m) {
    const fn = ctx[m[1]!] as (...a: unknown[]) => unknown;
    return m[3] === undefined ? fn(m[2]) : fn(m[2], m[3]);
  }
  return renderString(scope.project.engine, `{{ ${expr} }}`, ctx, file);
}

function genericTestKwargs(scope: RenderScope, node: ManifestNode, ctx: Record<string, unknown>, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.test_metadata!.kwargs)) {
    if (key === 'model' || key === 'column_name' || typeof value !== 'string') out[key] = value;
    else if (LOOKS_LIKE_FUNC.test(value)) out[key] = evalArg(scope, value, ctx, file);
    else out[key] = renderString(scope.project.engine, value, ctx, file);
  }
  const target = (WHERE_SUBQUERY.exec(String(node.test_metadata!.kwargs.model)) ?? [])[1]!;
  const relation = String(evalArg(scope, target, ctx, file));
  const where = node.config.where;
  // dbt's default__get_where_subquery, done here so every test honours `where` without a template round trip.
  out.model = where ? new RawRelation(relation, `(select * from ${relation} where ${where}) dbt_subquery`) : new RawRelation(relation);
  return out;
}

/** Renders one node with the runtime given; database calls replay through Suspend until the template completes. */
export async function renderNode(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime): Promise<RenderedNode> {
  if (node.test_metadata && node.resource_type === 'test') {
    const sql = quickBuiltinTestSql(project, node, runtime);
    if (sql !== undefined) return { sql, ephemerals: [] };
  }
  const scope = newScope(project, node, runtime);
  const file = displayFile(project, node.package_name, node.original_file_path);
  const reusable = canReuse(project, node, runtime);
  const sql = await renderResumable((state) => {
    scope.state = state;
    scope.capture = newCapture();
    scope.results.clear();
    const ctx = buildDbtContext(scope);
    if (node.test_metadata && node.resource_type === 'test') {
      const kwargs = genericTestKwargs(scope, node, ctx, file);
      ctx._dbt_generic_test_kwargs = kwargs;
      const md = node.test_metadata;
      const call = (k: Record<string, unknown>) => String(callEngineMacro(project.engine, md.namespace ?? undefined, `test_${md.name}`, [], k, ctx) ?? '');
      const key = builtinTestKey(project, node, kwargs);
      if (key === undefined) return call(kwargs);
      return cachedTestSql(project, key, String(kwargs.model), () => call({ ...kwargs, model: new RawRelation(MODEL_MARKER) }));
    }
    if (reusable) {
      const text = reuseParseOutput(node, ctx);
      if (text !== undefined) return text;
      scope.capture = newCapture();
    }
    return project.engine.render({ name: file, source: node.raw_code, line: node.tsdbt_line }, ctx);
  });
  return { sql, ephemerals: scope.capture.ephemerals };
}
