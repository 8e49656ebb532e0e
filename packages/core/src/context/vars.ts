import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';

/**
 * dbt's var(): overrides (unit tests) > --vars > the root project's vars scoped to the node's package >
 * the root's global vars > the package's own dbt_project.yml vars.
 */
export function makeVar(project: Pick<ParsedProject, 'packages' | 'cliVars'>, packageName: string, runtime: RenderRuntime, nodeName?: string) {
  const root = project.packages[0]!;
  const scoped = (vars: Record<string, unknown>, pkgNames: Set<string>, pkg: string) => {
    const globals = Object.fromEntries(Object.entries(vars).filter(([k]) => !pkgNames.has(k)));
    const own = vars[pkg];
    return { ...globals, ...(own && typeof own === 'object' ? (own as Record<string, unknown>) : {}) };
  };
  const names = new Set(project.packages.map((p) => p.name));
  const pkg = project.packages.find((p) => p.name === packageName);
  const merged: Record<string, unknown> = {
    ...(pkg && !pkg.isRoot ? scoped(pkg.config.vars, names, packageName) : {}),
    ...scoped(root.config.vars, names, packageName),
    ...project.cliVars,
    ...(runtime.varOverrides ?? {}),
  };
  const fn = (name: string, fallback?: unknown): unknown => {
    if (Object.prototype.hasOwnProperty.call(merged, name)) return merged[name];
    if (fallback !== undefined) return fallback;
    throw new TsdbtError('TSDBT_VAR_MISSING', `Required var '${name}' not found in config${nodeName ? ` (used by ${nodeName})` : ''}`, {
      hint: `Define it under 'vars:' in dbt_project.yml, pass --vars '{${name}: ...}', or give var('${name}', default) a default.`,
    });
  };
  fn.has_var = (name: string) => Object.prototype.hasOwnProperty.call(merged, name);
  return fn;
}
