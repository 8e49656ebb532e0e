import type { JinjaEngine } from '../jinja/index.js';

type CallMacro = (pkg: string | undefined, name: string, args: unknown[], kwargs: Record<string, unknown>, context: Record<string, unknown>) => unknown;

/** engine.callMacro as the jinja contract documents it (typed here so core compiles whatever stage the engine is at). */
export function callEngineMacro(engine: JinjaEngine, pkg: string | undefined, name: string, args: unknown[], kwargs: Record<string, unknown>, context: Record<string, unknown>): unknown {
  return (engine.callMacro as unknown as CallMacro).call(engine, pkg, name, args, kwargs, context);
}
