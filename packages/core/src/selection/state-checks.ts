import type { GraphMember } from '../graph/graph-members.js';
import type { Manifest } from '../manifest/types.js';

/** A node or source as state comparison reads it; every field optional because sources and exposures differ. */
type Entry = GraphMember & Record<string, unknown>;

export interface StateEnv {
  current: Manifest;
  previous: Manifest;
  /** macro unique id → changed since the comparison manifest (memoised: macros call macros). */
  macroCache: Map<string, boolean>;
}

export type StateCheck = (old: GraphMember | undefined, now: GraphMember, env: StateEnv) => boolean;

/** Keys whose change is a relation change, not a config change (`state:modified.configs` skips them). */
const RELATION_KEYS = ['database', 'schema', 'alias'];
/** Per resource type, the fields dbt's same_contents compares for entries without a body. */
const SOURCE_FIELDS = ['database', 'schema', 'identifier', 'quoting', 'freshness', 'loaded_at_field', 'external', 'config', 'fqn'];
const EXPOSURE_FIELDS = ['fqn', 'type', 'owner', 'maturity', 'url', 'description', 'label', 'depends_on', 'config', 'meta', 'tags'];

const modifiedContent: StateCheck = (old, now, env) => !old || !sameContents(old as Entry, now as Entry) || macrosModified(now as Entry, env);

/** dbt's state checks, named as its selectors are. A node absent from the old manifest is `new` and also `modified`. */
export const STATE_CHECKS: Record<string, StateCheck> = {
  new: (old) => old === undefined,
  old: (old) => old !== undefined,
  modified: modifiedContent,
  unmodified: (old, now, env) => old !== undefined && !modifiedContent(old, now, env),
  'modified.body': nodeCheck(sameBody),
  'modified.configs': nodeCheck(sameConfig, sameConfig),
  'modified.relation': nodeCheck(sameRelation, (old, now) => ['database', 'schema', 'identifier'].every((f) => equal(old[f], now[f]))),
  'modified.persisted_descriptions': nodeCheck(samePersistedDescriptions),
  'modified.macros': (_old, now, env) => macrosModified(now as Entry, env),
  'modified.contract': nodeCheck(sameContract),
};

type Same = (old: Entry, now: Entry) => boolean;

/** A sub-selector: nodes with a body compare with `same`; sources with `forSources` where dbt defines one, else never. */
function nodeCheck(same: Same, forSources?: Same): StateCheck {
  return (old, now) => {
    const compare = hasBody(now as Entry) ? same : now.resource_type === 'source' ? forSources : undefined;
    return compare !== undefined && (!old || !compare(old as Entry, now as Entry));
  };
}

function hasBody(e: Entry): boolean {
  return e.checksum !== undefined;
}

function sameContents(old: Entry, now: Entry): boolean {
  if (now.resource_type === 'source') return SOURCE_FIELDS.every((f) => equal(old[f], now[f]));
  if (now.resource_type === 'exposure') return EXPOSURE_FIELDS.every((f) => equal(old[f], now[f]));
  if (!hasBody(now)) return equal(old, now);
  return sameBody(old, now) && sameConfig(old, now) && samePersistedDescriptions(old, now) && equal(old.fqn, now.fqn) && sameRelation(old, now) && sameContract(old, now);
}

function sameBody(old: Entry, now: Entry): boolean {
  return equal(old.checksum, now.checksum);
}

/** Compares the unrendered config (what the user wrote, not what this target renders), like dbt. */
function sameConfig(old: Entry, now: Entry): boolean {
  const [a, b] = configsToCompare(old, now);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!RELATION_KEYS.includes(key) && !equal(a[key], b[key])) return false;
  return true;
}

/** Falls back to the rendered config when neither side recorded an unrendered one. */
function configsToCompare(old: Entry, now: Entry): [Record<string, unknown>, Record<string, unknown>] {
  const ua = (old.unrendered_config ?? {}) as Record<string, unknown>;
  const ub = (now.unrendered_config ?? {}) as Record<string, unknown>;
  if (Object.keys(ua).length || Object.keys(ub).length) return [ua, ub];
  return [(old.config ?? {}) as Record<string, unknown>, (now.config ?? {}) as Record<string, unknown>];
}

function sameRelation(old: Entry, now: Entry): boolean {
  const a = (old.unrendered_config ?? {}) as Record<string, unknown>;
  const b = (now.unrendered_config ?? {}) as Record<string, unknown>;
  return RELATION_KEYS.every((k) => equal(a[k], b[k]));
}

function samePersistedDescriptions(old: Entry, now: Entry): boolean {
  const persist = ((now.config as Record<string, unknown> | undefined)?.persist_docs ?? {}) as Record<string, unknown>;
  if (persist.relation && old.description !== now.description) return false;
  if (persist.columns && !equal(columnDescriptions(old), columnDescriptions(now))) return false;
  return true;
}

function columnDescriptions(e: Entry): Record<string, unknown> {
  const columns = (e.columns ?? {}) as Record<string, { description?: string }>;
  return Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.description ?? '']));
}

/** With an enforced contract, the columns' names and data types are the contract. */
function sameContract(old: Entry, now: Entry): boolean {
  const contract = (now.config as Record<string, unknown> | undefined)?.contract as { enforced?: boolean } | undefined;
  if (!contract?.enforced) return true;
  const shape = (e: Entry) => Object.values((e.columns ?? {}) as Record<string, { name: string; data_type: string | null }>).map((c) => [c.name, c.data_type]);
  return equal(shape(old), shape(now));
}

function macrosModified(now: Entry, env: StateEnv): boolean {
  const macros = ((now.depends_on as { macros?: string[] } | undefined)?.macros ?? []) as string[];
  return macros.some((id) => macroChanged(id, env, new Set()));
}

function macroChanged(id: string, env: StateEnv, visiting: Set<string>): boolean {
  const cached = env.macroCache.get(id);
  if (cached !== undefined) return cached;
  if (visiting.has(id)) return false;
  visiting.add(id);
  const now = env.current.macros[id] as { macro_sql?: string; depends_on?: { macros?: string[] } } | undefined;
  const old = env.previous.macros?.[id] as { macro_sql?: string } | undefined;
  // Added, removed or edited; a macro in neither manifest (an adapter built-in) has not changed.
  const changed =
    (now === undefined) !== (old === undefined) ||
    (now !== undefined && old !== undefined && now.macro_sql !== old.macro_sql) ||
    (now?.depends_on?.macros ?? []).some((m) => macroChanged(m, env, visiting));
  env.macroCache.set(id, changed);
  return changed;
}

function equal(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** JSON with sorted keys, so key order in a config never counts as a change. */
function stable(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(',')}}`;
}
