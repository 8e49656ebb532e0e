/** A macro as a value: callable from templates (through `R.call`) and from TypeScript (as a plain function). */
import { MacroReturn, type Location } from './render-errors.js';
import { currentState, MACRO_CALLS, type RenderState } from './render-state.js';
import type { Runtime } from './runtime.js';

export type MacroBody = (R: Runtime, S: RenderState, args: unknown[], kw: Record<string, unknown> | null) => unknown;

export interface JinjaMacro {
  (...args: unknown[]): unknown;
  __jinja: { name: string; id?: string; invoke(S: RenderState, args: unknown[], kw: Record<string, unknown> | null): unknown };
}

let runtimeRef: Runtime | undefined;
/** Set once by the runtime module (avoids an import cycle). */
export function setMacroRuntime(R: Runtime): void {
  runtimeRef = R;
}

/** How many project/package/built-in macro bodies are running (renders are synchronous): 0 in a template itself. */
let macroDepth = 0;

/**
 * Records a call to `id` made by the template itself (not from inside a macro) under MACRO_CALLS, when the context
 * has that list (parse renders); dbt's is_incremental() and friends are context functions here and call it too.
 */
export function recordMacroCall(ctx: Record<string | symbol, unknown>, id: string): void {
  if (macroDepth !== 0) return;
  const calls = ctx[MACRO_CALLS] as string[] | undefined;
  if (calls && !calls.includes(id)) calls.push(id);
}

/**
 * Runs a macro body in the caller's render; `return(x)` ends it with x. `id` (`macro.<package>.<name>`) is given
 * for project, package and built-in macros, whose calls a parse render records; macros a template defines for
 * itself have none, and calls inside them count as the template's own, as in dbt.
 */
export function makeMacro(name: string, body: MacroBody | (() => MacroBody), at: Location | undefined, lazy = false, id?: string): JinjaMacro {
  let compiled: MacroBody | undefined = lazy ? undefined : (body as MacroBody);
  const run = (fn: MacroBody, S: RenderState, args: unknown[], kw: Record<string, unknown> | null): unknown => {
    try {
      return fn(runtimeRef!, at ? S.at(at) : S, args, kw);
    } catch (e) {
      if (e instanceof MacroReturn) return e.value;
      throw e;
    }
  };
  const invoke = (S: RenderState, args: unknown[], kw: Record<string, unknown> | null): unknown => {
    compiled ??= (body as () => MacroBody)();
    if (id === undefined) return run(compiled, S, args, kw);
    recordMacroCall(S.ctx, id);
    macroDepth++;
    try {
      return run(compiled, S, args, kw);
    } finally {
      macroDepth--;
    }
  };
  const fn = ((...args: unknown[]) => {
    const S = currentState();
    if (!S) throw new Error(`macro '${name}' was called outside a render; use JinjaEngine.callMacro`);
    const last = args[args.length - 1] as Record<string, unknown> | undefined;
    if (last && typeof last === 'object' && last.__keywords) {
      const { __keywords: _k, ...kw } = last;
      return invoke(S, args.slice(0, -1), kw);
    }
    return invoke(S, args, null);
  }) as JinjaMacro;
  fn.__jinja = { name, id, invoke };
  return fn;
}
