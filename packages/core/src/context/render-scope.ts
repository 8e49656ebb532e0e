import type { SuspendState } from '../jinja/index.js';
import { suspendable } from '../jinja/index.js';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { ManifestNode, RefCall } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import { Relation } from './relation.js';

/** What a parse-time render records: dbt captures refs, sources and config() calls by rendering once. */
export interface RenderCapture {
  refs: RefCall[];
  sources: [string, string][];
  config: Record<string, unknown>;
  /** unique_ids of ephemeral models this render referenced (to inline as CTEs). */
  ephemerals: string[];
  /** unique_ids of the macros the template called itself, first call first (depends_on.macros). */
  macros: string[];
}

/** Everything the context functions of one render share. */
export interface RenderScope {
  project: ParsedProject;
  node?: ManifestNode;
  packageName: string;
  runtime: RenderRuntime;
  /** True during parse: unknown refs are recorded, not errors. */
  parsing: boolean;
  capture: RenderCapture;
  /** The replay state of the current round (set by renderResumable). */
  state?: SuspendState;
  /** The full context object, for macros called from TypeScript (dispatch). */
  context?: Record<string, unknown>;
  /** statement() results by name for load_result(). */
  results: Map<string, unknown>;
  /**
   * Set when a parse render read something whose value differs at compile time (execute, this, config.get,
   * a relation's parts ...): its output cannot stand in for the compiled SQL (see compile/parse-output.ts).
   */
  impure?: boolean;
  /** ref()/source() calls whose relations print as markers in a parse render, in marker order. */
  markers?: { fn: 'ref' | 'source'; args: unknown[] }[];
}

export function newCapture(): RenderCapture {
  return { refs: [], sources: [], config: {}, ephemerals: [], macros: [] };
}

/** A database call from a template: the value on replay, a Suspend otherwise (see jinja/resumable.ts). */
export function awaitInTemplate<T>(scope: RenderScope, key: string, run: () => Promise<T>): T {
  if (!scope.state) throw new TsdbtError('TSDBT_NO_CONNECTION', 'A database call ran outside a resumable render');
  return suspendable(scope.state, key, run);
}

export function requireConnection(scope: RenderScope, what: string) {
  // dbt's compile --no-introspect opens no connection, so such a model fails (with dbt's less telling "connection
  // never acquired"); this names the call instead.
  if (scope.runtime.introspect === false)
    throw new TsdbtError('TSDBT_INTROSPECTION_DISABLED', `${what} runs an introspective query, and introspection is off (--no-introspect or $DBT_INTROSPECT=false)`, {
      file: scope.node?.original_file_path,
      hint: 'Compile without --no-introspect, or move the query out of this model (a var or a seed instead of run_query).',
    });
  const conn = scope.runtime.connection;
  if (!conn)
    throw new TsdbtError('TSDBT_NO_CONNECTION', `${what} needs a warehouse connection, and this render has none`, {
      file: scope.node?.original_file_path,
      hint: 'Guard database calls with {% if execute %} or run a command that connects (run, build).',
    });
  return conn;
}

export function relationFor(project: ParsedProject, node: Pick<ManifestNode, 'database' | 'schema' | 'alias'>): Relation {
  return new Relation(project.dialect, { database: node.database ?? undefined, schema: node.schema, identifier: node.alias }, quotingOf(project));
}

export function quotingOf(project: ParsedProject): { database?: boolean; schema?: boolean; identifier?: boolean } {
  return project.config.quoting as { database?: boolean; schema?: boolean; identifier?: boolean };
}
