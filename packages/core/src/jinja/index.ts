/**
 * The template engine: nunjucks configured to render Jinja as dbt runs it (shared/JINJA-COMPAT.md).
 * Contract used by the rest of core (owned by the jinja module; keep these names stable):
 *
 * - `new JinjaEngine()`; `engine.addMacroFile(packageName, file, source)` registers every `{% macro %}` and
 *   `{% test %}` (as `test_<name>`) of a file; macros are global and also reachable as `<package>.<name>`.
 * - `engine.render({ name, source, line? }, context)` renders synchronously; context values are the dbt context.
 *   Macros called from the template run in *this* context (dbt's semantics), `return(x)` hands back x.
 * - `engine.callMacro(packageName | undefined, name, args, kwargs, context)` calls one macro from TypeScript.
 * - `engine.hasMacro(packageName | undefined, name)`; `engine.macros()` lists definitions (for the manifest).
 * - Errors are `TsdbtError` with codes `TSDBT_JINJA_SYNTAX` / `TSDBT_JINJA_RENDER` / `TSDBT_UNKNOWN_MACRO` /
 *   `TSDBT_UNKNOWN_FILTER`, with the file, line and column.
 * - `Suspend`/`renderResumable`: a context function that needs the database (run_query, get_relation) calls
 *   `suspendable(state, key, () => promise)`; it returns the value when cached, otherwise throws `Suspend`;
 *   `renderResumable` awaits the promise, caches the value and re-renders until the template completes.
 *   A Suspend thrown from a global, a macro, a filter or a `{% call %}` body leaves `render` unwrapped.
 * - Added (optional) members: `new JinjaEngine({ logger, rootPackage, internalPackages })`; `getMacro(pkg, name)`;
 *   `addFilter(name, fn)`; `exportCompiled()` / `importCompiled(data)` to keep compiled templates under target/.
 * - Context functions written in TypeScript receive keyword arguments as a trailing object marked `__keywords`
 *   (nunjucks's convention; `splitKw` splits them) and plain numbers (1.0 arrives as 1). Returning undefined
 *   gives the template None, as a Python function would.
 */
export { JinjaEngine } from './engine.js';
export type { JinjaEngineOptions, MacroDefinition, TemplateSource } from './engine.js';
export type { CompiledTemplates } from './template-cache.js';
export type { JinjaMacro } from './macro-object.js';
export { recordMacroCall } from './macro-object.js';
export type { StaticMacroCall } from './static-macro-calls.js';
export { MACRO_CALLS } from './render-state.js';
export type { LogEvent, Logger, LogLevel } from './globals.js';
export { splitKw } from './globals.js';
export { Namespace, PyFloat, PyTuple, pyRepr, pyStr, toJs, truthy } from './py-values.js';
export { Suspend, suspendable, renderResumable } from './resumable.js';
export type { SuspendState } from './resumable.js';
