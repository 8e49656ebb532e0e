import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { GraphMember } from '../graph/graph-members.js';
import { STATE_CHECKS, type StateCheck } from './state-checks.js';
import type { MethodContext } from './types.js';

/** `state:new|old|modified[.body|.configs|.relation|.persisted_descriptions|.macros|.contract]|unmodified`. */
export function* stateMethod(ctx: MethodContext, value: string): Iterable<string> {
  const check: StateCheck | undefined = STATE_CHECKS[value];
  if (!check) {
    throw new TsdbtError('TSDBT_SELECTOR_INVALID', `Invalid state selector "state:${value}".`, {
      exitCode: 2,
      hint: `Use one of: ${Object.keys(STATE_CHECKS).map((k) => `state:${k}`).join(', ')}.`,
    });
  }
  const old = ctx.state;
  if (!old) {
    throw new TsdbtError('TSDBT_STATE_REQUIRED', `"state:${value}" needs a manifest to compare with.`, {
      exitCode: 2,
      hint: 'Pass --state DIR, a folder holding the manifest.json of an earlier run (for example production artifacts).',
    });
  }
  const env = { current: ctx.manifest, previous: old, macroCache: new Map<string, boolean>() };
  for (const m of ctx.members) {
    const before = lookup(old, m.unique_id);
    if (check(before, m, env)) yield m.unique_id;
  }
}

function lookup(manifest: MethodContext['manifest'], id: string): GraphMember | undefined {
  const collections = manifest as unknown as Record<string, Record<string, GraphMember> | undefined>;
  for (const key of ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests']) {
    const hit = collections[key]?.[id];
    if (hit) return hit;
  }
  return undefined;
}

/** `result:<status>`: nodes whose status in the earlier run_results.json was `<status>` (error, fail, warn, success, …). */
export function* resultMethod(ctx: MethodContext, value: string): Iterable<string> {
  if (!ctx.previousResults) {
    throw new TsdbtError('TSDBT_STATE_REQUIRED', `"result:${value}" needs the run_results.json of an earlier run.`, {
      exitCode: 2,
      hint: 'Pass --state DIR, a folder holding run_results.json (and manifest.json) from a previous run.',
    });
  }
  const matching = new Set(ctx.previousResults.results.filter((r) => r.status === value).map((r) => r.unique_id));
  for (const m of ctx.members) if (matching.has(m.unique_id)) yield m.unique_id;
}
