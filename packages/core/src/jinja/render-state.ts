/** The state of one render: the dbt context, the engine's tables, and where (file, line) the template text is. */
import type { Location } from './render-errors.js';

export type FilterFn = (value: unknown, args: unknown[], kw: Record<string, unknown> | null, S: RenderState) => unknown;
export type TestFn = (value: unknown, args: unknown[], S: RenderState) => boolean;

/** What compiled code reads from the engine. */
export interface EngineTables {
  filters: Record<string, FilterFn>;
  tests: Record<string, TestFn>;
  /** Macros (unqualified winners and package namespaces) with the generic globals under them. */
  globals: Record<string, unknown>;
  /** Names worth suggesting when a call fails. */
  knownNames(): Iterable<string>;
}

export class RenderState implements Location {
  constructor(
    readonly env: EngineTables,
    readonly ctx: Record<string, unknown>,
    readonly file: string,
    readonly lineOffset: number,
  ) {}

  /** The same render, reporting positions in another file (a macro's). */
  at(loc: Location): RenderState {
    return new RenderState(this.env, this.ctx, loc.file, loc.lineOffset);
  }
}

/**
 * Context key of the list that records the macros a template calls itself, as dbt records them in a node's
 * depends_on.macros when it parses; calls made inside those macros are not recorded (see macro-object.ts).
 */
export const MACRO_CALLS: unique symbol = Symbol('tsdbt.macroCalls');

const stack: RenderState[] = [];

/** Renders are synchronous, so the innermost one is the one a macro called from TypeScript belongs to. */
export function withState<T>(S: RenderState, run: () => T): T {
  stack.push(S);
  try {
    return run();
  } finally {
    stack.pop();
  }
}

export function currentState(): RenderState | undefined {
  return stack[stack.length - 1];
}
