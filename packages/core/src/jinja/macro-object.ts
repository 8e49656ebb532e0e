/** A macro as a value: callable from templates (through `R.call`) and from TypeScript (as a plain function). */
import { MacroReturn, type Location } from './render-errors.js';
import { currentState, type RenderState } from './render-state.js';
import type { Runtime } from './runtime.js';

export type MacroBody = (R: Runtime, S: RenderState, args: unknown[], kw: Record<string, unknown> | null) => unknown;

export interface JinjaMacro {
  (...args: unknown[]): unknown;
  __jinja: { name: string; invoke(S: RenderState, args: unknown[], kw: Record<string, unknown> | null): unknown };
}

let runtimeRef: Runtime | undefined;
/** Set once by the runtime module (avoids an import cycle). */
export function setMacroRuntime(R: Runtime): void {
  runtimeRef = R;
}

/** Runs a macro body in the caller's render; `return(x)` ends it with x. */
export function makeMacro(name: string, body: MacroBody | (() => MacroBody), at: Location | undefined, lazy = false): JinjaMacro {
  let compiled: MacroBody | undefined = lazy ? undefined : (body as MacroBody);
  const invoke = (S: RenderState, args: unknown[], kw: Record<string, unknown> | null): unknown => {
    compiled ??= (body as () => MacroBody)();
    try {
      return compiled(runtimeRef!, at ? S.at(at) : S, args, kw);
    } catch (e) {
      if (e instanceof MacroReturn) return e.value;
      throw e;
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
  fn.__jinja = { name, invoke };
  return fn;
}
