/** Lets templates call async warehouse functions synchronously: render, suspend on a miss, await, replay. */
import { TsdbtError } from '../diagnostics/diagnostic.js';

export interface SuspendState {
  cache: Map<string, unknown>;
  /** Per-render call counter so the same SQL run twice gets two results. */
  seq: number;
}

export class Suspend {
  constructor(
    readonly key: string,
    readonly run: () => Promise<unknown>,
  ) {}
}

export function suspendable<T>(state: SuspendState, key: string, run: () => Promise<T>): T {
  const fullKey = `${state.seq++}:${key}`;
  if (state.cache.has(fullKey)) return state.cache.get(fullKey) as T;
  throw new Suspend(fullKey, run);
}

/** Finds a Suspend thrown from inside a template (nunjucks may wrap the error). */
export function findSuspend(error: unknown): Suspend | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof Suspend) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function renderResumable(render: (state: SuspendState) => string, maxRounds = 1000): Promise<string> {
  const state: SuspendState = { cache: new Map(), seq: 0 };
  for (let round = 0; round < maxRounds; round++) {
    state.seq = 0;
    try {
      return render(state);
    } catch (error) {
      const suspend = findSuspend(error);
      if (!suspend) throw error;
      state.cache.set(suspend.key, await suspend.run());
    }
  }
  throw new TsdbtError('TSDBT_JINJA_RENDER', `template needed more than ${maxRounds} database calls`, {
    hint: 'A loop that runs a query per item? Fetch the rows with one run_query instead.',
  });
}
