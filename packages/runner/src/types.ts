import type { Connection, Diagnostic, Dialect, Manifest, ManifestNode, RelationRef, RelationType, RenderRuntime, TargetConfig } from '@tsdbt/core';
import type { BatchEvent, BatchResults, MicrobatchSettings } from './materialize/microbatch-types.js';

/** dbt's statuses: models/seeds/snapshots `success|error|skipped`, tests `pass|fail|warn|error|skipped`. */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'no-op' | 'partial success';

export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  /** dbt's `message`: `OK`, `INSERT 3`, `Got 2 results, configured to fail if != 0`, the database error… */
  message: string;
  /** Failing rows of a test. */
  failures: number | null;
  rowsAffected?: number;
  /** Seconds. */
  executionTime: number;
  startedAt: string;
  completedAt: string;
  /** The SQL that ran (dbt's compiled_code). */
  compiledCode?: string;
  /** The coded error when status is `error`. */
  error?: { code: string; message: string; file?: string; line?: number };
  thread: string;
  relationName?: string;
  /** A microbatch model's batches (run_results.json `batch_results`). */
  batchResults?: BatchResults;
}

/** Events the runner emits while it works; the CLI prints them. */
export type RunEvent =
  | { kind: 'start'; index: number; total: number; node: ManifestNode; relation: string }
  | { kind: 'finish'; index: number; total: number; node: ManifestNode; relation: string; result: NodeResult }
  | { kind: 'hook'; phase: 'on-run-start' | 'on-run-end'; index: number; total: number; sql: string; seconds?: number }
  | { kind: 'info'; message: string }
  /** Once the project is parsed: what dbt prints as `Found 3 models, …`. */
  | { kind: 'begin'; manifest: Manifest; adapter: string; invocationId: string }
  /** Before the first node: dbt's `Concurrency: 4 threads (target='dev')`. */
  | { kind: 'concurrency'; threads: number; target: string }
  /** A project or selection warning (dbt prints them before the run: unused config paths, a criterion matching nothing). */
  | { kind: 'warning'; diagnostic: Diagnostic; projectDir: string }
  | { kind: 'cancelled' }
  /** A batch of a microbatch model starting or done (dbt's `Batch 1 of 3 START batch 2024-01-01 of main.m`). */
  | ({ kind: 'batch'; node: ManifestNode; relation: string } & BatchEvent);

export type EmitEvent = (event: RunEvent) => void;

/** Everything a materialization needs for one node; `compile` renders its SQL with runtime flags. */
export interface NodeContext {
  conn: Connection;
  dialect: Dialect;
  target: TargetConfig;
  node: ManifestNode;
  fullRefresh: boolean;
  empty: boolean;
  /**
   * Render the node's SQL (ephemerals inlined); `isIncremental` as the materialization decides. `connection`: where
   * the template's own queries (run_query, adapter.get_relation ...) run, when not on `conn` (a microbatch batch on a
   * borrowed thread renders on that thread's connection, so its reads never land in another batch's transaction).
   */
  compile(options?: { isIncremental?: boolean; batch?: RenderRuntime['batch']; connection?: Connection }): Promise<string>;
  /** The task's microbatch window and retry state (microbatch models only). */
  microbatch?: MicrobatchSettings;
  /** A batch of this node starting or done. */
  batchEvent?(event: BatchEvent): void;
  /**
   * The node's main statement (dbt's `statement('main')`), called just before it runs: written to
   * target/run/<package>/<path>, so a failed statement can be read there.
   */
  main?(sql: string): void;
  /** SQL the node compiled to outside compile() (a unit test's model over its fixtures): written to target/compiled. */
  compiled?(sql: string): void;
  /** A warning about this node while it runs (dbt's constraint-support and contract warnings): printed and logged; under --warn-error it throws. */
  warn?(diagnostic: Diagnostic): void;
  /** Render a hook or other template text in the node's context. */
  render(sql: string): Promise<string>;
  /** What exists in the warehouse (cached per schema for the run; materializations record what they build). */
  relations: {
    get(conn: Connection, rel: RelationRef): Promise<RelationType | undefined>;
    set(rel: RelationRef, type: RelationType | undefined): Promise<void>;
    /** After a rollback: what was recorded for `rel`'s schema may not hold. */
    forget(rel: RelationRef): Promise<void>;
  };
  /** Ensure a schema exists once per run. */
  ensureSchema(database: string | undefined, schema: string): Promise<void>;
  projectDir: string;
  /** --warn-error: a data test whose warn_if holds fails (dbt's LogTestResult promoted). */
  testWarnIsError?: boolean;
  /** --store-failures: data tests whose config leaves store_failures unset store their failing rows. */
  storeFailures?: boolean;
  /** The project's manifest (unit tests resolve their inputs in it). */
  manifest?: Manifest;
  /** Compile any node with extra runtime settings (unit tests: ref overrides, var and macro overrides). */
  compileOther?(uniqueId: string, extras: { refOverrides?: Map<string, string>; varOverrides?: Record<string, unknown>; macroOverrides?: Record<string, string>; isIncremental?: boolean }): Promise<string>;
}

/** What a materialization reports back (dbt's adapter_response plus the message). */
export interface MaterializeOutcome {
  message: string;
  rowsAffected?: number;
  compiledCode?: string;
  status?: NodeStatus;
  failures?: number | null;
  batchResults?: BatchResults;
}
