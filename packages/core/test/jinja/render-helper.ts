import { JinjaEngine, type JinjaEngineOptions } from '../../src/jinja/index.js';

/** An engine and a one-line render for tests. */
export function makeRender(options: JinjaEngineOptions = {}) {
  const engine = new JinjaEngine(options);
  const render = (source: string, context: Record<string, unknown> = {}, name = 'models/t.sql') => engine.render({ name, source }, context);
  return { engine, render };
}
