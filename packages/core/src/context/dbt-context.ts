import { MACRO_CALLS, recordMacroCall } from '../jinja/index.js';
import { md5 } from '../util/hash.js';
import { makeAdapterObject, makeApi } from './adapter-object.js';
import { makeConfig } from './config-object.js';
import { lookupDoc } from './doc-lookup.js';
import { makeEnvVar } from './env-var.js';
import { PyDateTime } from './py-datetime.js';
import { makeRef, makeSource } from './ref-source.js';
import { relationFor, type RenderScope } from './render-scope.js';
import { makeRunQuery, makeStatement } from './statement.js';
import { makeVar } from './vars.js';
import { withBatch } from './event-time-filter.js';

const DBT_VERSION = '1.9.0';

/** Caches a computed member on the instance, so each render builds only what its template touches. */
function memo<T>(obj: object, name: string, value: T): T {
  Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/**
 * The dbt context a template renders in. Members are getters on the prototype, built on first use: a model
 * typically reads ref, config and var only, and 10,000 renders should not build 30 closures each.
 */
class DbtContext {
  readonly #scope: RenderScope;
  constructor(scope: RenderScope) {
    this.#scope = scope;
  }
  get ref() { return memo(this, 'ref', makeRef(this.#scope)); }
  get source() { return memo(this, 'source', makeSource(this.#scope)); }
  get config() { return memo(this, 'config', makeConfig(this.#scope)); }
  get builtins() { return memo(this, 'builtins', { ref: this.ref, source: this.source, config: this.config }); }
  get var() { return memo(this, 'var', makeVar(this.#scope.project, this.#scope.packageName, this.#scope.runtime, this.#scope.node?.unique_id)); }
  get env_var() { return memo(this, 'env_var', makeEnvVar()); }
  get this() {
    this.#scope.impure = true; return memo(this, 'this', this.#scope.node ? relationFor(this.#scope.project, this.#scope.node) : null); }
  get target() { return this.#scope.project.safeTarget; }
  get execute() {
    this.#scope.impure = true; return this.#scope.runtime.execute; }
  get is_incremental() {
    this.#scope.impure = true; const r = this.#scope.runtime;
    return () => (recordMacroCall(this as unknown as Record<symbol, unknown>, 'macro.dbt.is_incremental'), Boolean(r.isIncremental) && !r.fullRefresh); }
  get should_full_refresh() {
    this.#scope.impure = true; const { runtime: r, node } = this.#scope;
    return () => (recordMacroCall(this as unknown as Record<symbol, unknown>, 'macro.dbt.should_full_refresh'), Boolean(r.fullRefresh ?? node?.config.full_refresh ?? false)); }
  get adapter() { return memo(this, 'adapter', makeAdapterObject(this.#scope)); }
  get api() { return memo(this, 'api', makeApi(this.#scope)); }
  get run_query() {
    this.#scope.impure = true; return memo(this, 'run_query', makeRunQuery(this.#scope)); }
  #stmt?: ReturnType<typeof makeStatement>;
  get statement() {
    this.#scope.impure = true; return (this.#stmt ??= makeStatement(this.#scope)).statement; }
  get load_result() {
    this.#scope.impure = true; return (this.#stmt ??= makeStatement(this.#scope)).load_result; }
  get store_result() {
    this.#scope.impure = true; return (this.#stmt ??= makeStatement(this.#scope)).store_result; }
  get model() {
    this.#scope.impure = true; const { node, runtime } = this.#scope;
    // Inside a microbatch batch, dbt's `model.batch` (id, event_time_start, event_time_end).
    return node && runtime.batch ? withBatch(node, runtime.batch) : node ?? null; }
  get schema() {
    this.#scope.impure = true; return this.#scope.node?.schema ?? this.#scope.project.target.schema; }
  get database() {
    this.#scope.impure = true; return this.#scope.node?.database ?? this.#scope.project.target.database; }
  get project_name() { return this.#scope.project.projectName; }
  get invocation_id() {
    this.#scope.impure = true; return this.#scope.runtime.invocationId ?? this.#scope.project.invocationId; }
  get run_started_at() { return memo(this, 'run_started_at', new PyDateTime(this.#scope.project.runStartedAt)); }
  get dbt_version() { return DBT_VERSION; }
  get local_md5() { return (s: unknown) => md5(String(s)); }
  /** dbt's hook helpers: a pre-hook run before the model's transaction, a post-hook run after its commit. */
  get before_begin() { return (sql: unknown) => ({ sql: String(sql), transaction: false }); }
  get after_commit() { return (sql: unknown) => ({ sql: String(sql), transaction: false }); }
  get doc() {
    const { project, packageName, node } = this.#scope;
    return (...args: unknown[]) => lookupDoc(project.docs, args, packageName, project.projectName, node?.original_file_path);
  }
  get flags() {
    this.#scope.impure = true;
    const r = this.#scope.runtime;
    return memo(this, 'flags', {
      FULL_REFRESH: Boolean(r.fullRefresh), WHICH: r.which ?? (r.execute ? 'run' : 'parse'), EMPTY: Boolean(r.empty), STORE_FAILURES: Boolean(r.storeFailures), DEBUG: false,
    });
  }
  get graph() {
    this.#scope.impure = true;
    const m = this.#scope.project.manifest;
    return memo(this, 'graph', { nodes: m.nodes, sources: m.sources, exposures: m.exposures, metrics: {}, groups: {} });
  }
}

/** The dbt context for one render: ref, source, config, var, this, target, adapter, run_query ... */
export function buildDbtContext(scope: RenderScope): Record<string, unknown> {
  const context = new DbtContext(scope) as unknown as Record<string, unknown>;
  if (scope.parsing) (context as Record<symbol, unknown>)[MACRO_CALLS] = scope.capture.macros;
  for (const [name, value] of Object.entries(scope.runtime.macroOverrides ?? {})) memo(context, name, () => value);
  scope.context = context;
  return context;
}
