import { TsdbtError } from '../diagnostics/diagnostic.js';
import { buildDbtContext } from '../context/dbt-context.js';
import { callEngineMacro } from '../context/call-engine-macro.js';
import { renderResumable } from '../jinja/index.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { ephemeralCtes } from './compile-node.js';
import { injectCtes } from './inject-ctes.js';
import { newScope } from './render-node.js';

/**
 * Renders free SQL in the project's context (hooks, `compile --inline`, `show --inline`); ephemeral refs become
 * CTEs. With `nodeId` it renders in that node's context (`this`, `config`, `model`), as a model's pre-/post-hooks do.
 */
export async function renderSql(project: ParsedProject, sql: string, runtime: RenderRuntime, name = 'inline', nodeId?: string): Promise<string> {
  const node = nodeId === undefined ? undefined : project.manifest.nodes[nodeId];
  if (nodeId !== undefined && !node) throw new TsdbtError('TSDBT_NODE_NOT_FOUND', `No node '${nodeId}' in the project`, { exitCode: 2 });
  const scope = newScope(project, node, runtime);
  const out = await renderResumable((state) => {
    scope.state = state;
    scope.capture.ephemerals = [];
    return project.engine.render({ name, source: sql }, buildDbtContext(scope));
  });
  return injectCtes(out, await ephemeralCtes(project, scope.capture.ephemerals, runtime));
}

/** Calls a macro by name (`name` or `package.name`) with keyword args, as `dbt run-operation` does; returns its value. */
export async function callMacro(project: ParsedProject, name: string, kwargs: Record<string, unknown>, runtime: RenderRuntime): Promise<unknown> {
  const dot = name.indexOf('.');
  const pkg = dot > 0 ? name.slice(0, dot) : undefined;
  const macro = dot > 0 ? name.slice(dot + 1) : name;
  const scope = newScope(project, undefined, runtime);
  let value: unknown;
  await renderResumable((state) => {
    scope.state = state;
    value = callEngineMacro(project.engine, pkg, macro, [], kwargs, buildDbtContext(scope));
    return '';
  });
  return value;
}
