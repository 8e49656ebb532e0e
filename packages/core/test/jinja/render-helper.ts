import { isTsdbtError, type TsdbtError } from '../../src/diagnostics/diagnostic.js';
import { JinjaEngine, type JinjaEngineOptions } from '../../src/jinja/index.js';

/** An engine and a one-line render for tests. */
export function makeRender(options: JinjaEngineOptions = {}) {
  const engine = new JinjaEngine(options);
  const render = (source: string, context: Record<string, unknown> = {}, name = 'models/t.sql') => engine.render({ name, source }, context);
  return { engine, render };
}

/** The TsdbtError `run` throws; anything else fails the test. */
export function failure(run: () => unknown): TsdbtError {
  try {
    run();
  } catch (e) {
    if (isTsdbtError(e)) return e;
    throw new Error(`expected a TsdbtError, got ${String(e)}`);
  }
  throw new Error('expected an error');
}
