import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { MethodContext, SourcesLike } from './types.js';

/**
 * `source_status:fresher`: sources whose newest row (max_loaded_at) is later in this project's sources.json than in
 * the sources.json of `--state`, or that the earlier run did not check; a source whose freshness check errored in
 * either run is left out. As dbt: `tsdbt source freshness` first, then `tsdbt build -s source_status:fresher+`.
 */
export function* sourceStatusMethod(ctx: MethodContext, value: string): Iterable<string> {
  if (value !== 'fresher') {
    throw new TsdbtError('TSDBT_SELECTOR_INVALID', `Invalid source_status selector "source_status:${value}".`, {
      exitCode: 2,
      hint: 'Use source_status:fresher (add + for what reads those sources: source_status:fresher+).',
    });
  }
  if (!ctx.previousSources) {
    throw new TsdbtError('TSDBT_STATE_REQUIRED', '"source_status:fresher" needs the sources.json of an earlier `source freshness` run.', {
      exitCode: 2,
      hint: 'Pass --state DIR, a folder holding sources.json (and manifest.json) from an earlier run.',
    });
  }
  if (!ctx.currentSources) {
    throw new TsdbtError('TSDBT_STATE_REQUIRED', '"source_status:fresher" needs this project\'s target/sources.json.', {
      exitCode: 2,
      hint: 'Run `tsdbt source freshness` first; it writes target/sources.json.',
    });
  }
  const fresher = fresherSources(ctx.previousSources, ctx.currentSources);
  for (const m of ctx.members) if (fresher.has(m.unique_id)) yield m.unique_id;
}

/** Loaded-at instants by source, and the sources whose check errored (no max_loaded_at). */
function loadedAt(sources: SourcesLike): { at: Map<string, number>; errored: Set<string> } {
  const at = new Map<string, number>();
  const errored = new Set<string>();
  for (const r of sources.results ?? []) {
    const t = r.max_loaded_at ? Date.parse(r.max_loaded_at) : NaN;
    if (Number.isNaN(t)) errored.add(r.unique_id);
    else at.set(r.unique_id, t);
  }
  return { at, errored };
}

export function fresherSources(previous: SourcesLike, current: SourcesLike): Set<string> {
  const before = loadedAt(previous);
  const now = loadedAt(current);
  const out = new Set<string>();
  for (const [id, t] of now.at) {
    const old = before.at.get(id);
    if ((old === undefined || t > old) && !before.errored.has(id)) out.add(id);
  }
  return out;
}
