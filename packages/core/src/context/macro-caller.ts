import { TsdbtError } from '../diagnostics/diagnostic.js';
import { splitArgs } from './args.js';
import { callEngineMacro } from './call-engine-macro.js';
import type { RenderScope } from './render-scope.js';

/** A JS function a template can call that runs a macro in the calling template's context (dbt semantics). */
export function macroFunction(scope: RenderScope, packageName: string | undefined, name: string) {
  return (...args: unknown[]): unknown => {
    const { positional, kwargs } = splitArgs(args);
    return callEngineMacro(scope.project.engine, packageName, name, positional, kwargs, scope.context ?? {});
  };
}

/** The packages `adapter.dispatch(name, namespace)` searches, in order (the project's `dispatch:` config first). */
export function dispatchSearchOrder(scope: Pick<RenderScope, 'project'>, namespace: string | undefined): (string | undefined)[] {
  if (!namespace) return [undefined];
  const configured = scope.project.config.dispatch.find((d) => d.macro_namespace === namespace);
  if (configured) return configured.search_order;
  return [scope.project.projectName, namespace];
}

/** The macros adapter.dispatch tries, in order: `<adapter>__name` then `default__name` in each package searched. */
export function dispatchCandidates(scope: Pick<RenderScope, 'project'>, macroName: string, namespace?: string): [string | undefined, string][] {
  const prefixes = [scope.project.adapter.name, 'default'];
  return dispatchSearchOrder(scope, namespace).flatMap((pkg) => prefixes.map((prefix): [string | undefined, string] => [pkg, `${prefix}__${macroName}`]));
}

/** dbt's adapter.dispatch: the first of dispatchCandidates that exists. */
export function dispatchMacro(scope: RenderScope, macroName: string, namespace?: string) {
  if (macroName.includes('.'))
    throw new TsdbtError('TSDBT_DISPATCH_NAME', `adapter.dispatch('${macroName}'): pass the namespace as macro_namespace, not in the name`);
  const tried: string[] = [];
  for (const [pkg, name] of dispatchCandidates(scope, macroName, namespace)) {
    tried.push(pkg ? `${pkg}.${name}` : name);
    if (scope.project.engine.hasMacro(pkg, name)) return macroFunction(scope, pkg, name);
  }
  throw new TsdbtError('TSDBT_UNKNOWN_MACRO', `adapter.dispatch found no macro for '${macroName}' in namespace '${namespace ?? '(any)'}'`, {
    file: scope.node?.original_file_path,
    hint: `Tried: ${tried.join(', ')}.`,
  });
}
