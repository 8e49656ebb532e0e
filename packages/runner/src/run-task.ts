import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { asProjectError, isTsdbtError, readSourcesJson, TsdbtError } from '@tsdbt/core';
import type { Diagnostic, Manifest, SelectOptions } from '@tsdbt/core';
import { LogFile, type LogFileOptions } from './artifacts/log-file.js';
import { NodeFiles } from './artifacts/node-files.js';
import { writeRunResults } from './artifacts/run-results.js';
import { ConnectionPool } from './connection-pool.js';
import { loadProjectSelectors, parseProject, writeManifest } from './core-api.js';
import type { ParseOptions, Project } from './core-api.js';
import { FAILED, executePlan } from './execute-plan.js';
import { buildPlan } from './plan.js';
import type { Plan, TaskKind } from './plan.js';
import { deferredRefs } from './defer.js';
import { emptyRefs } from './empty-refs.js';
import { RelationCache } from './relation-cache.js';
import { SchemaCache } from './schema-cache.js';
import type { TaskContext } from './task-context.js';
import type { EmitEvent, NodeResult } from './types.js';
import { runnerVersion } from './version.js';
import { eventTimeFlags } from './materialize/event-time-flags.js';
import type { BatchResults } from './materialize/microbatch-types.js';

export interface TaskOptions extends ParseOptions {
  select?: string[];
  exclude?: string[];
  selector?: string;
  resourceTypes?: string[];
  /** --exclude-resource-type: dropped after `resourceTypes`. */
  excludeResourceTypes?: string[];
  /** --indirect-selection: which tests come with the selected nodes (default eager). */
  indirectSelection?: SelectOptions['indirectSelection'];
  failFast?: boolean;
  fullRefresh?: boolean;
  empty?: boolean;
  /** A manifest to compare against (`--state`), already read. */
  state?: Manifest;
  defer?: boolean;
  /** --favor-state: with --defer, unselected nodes read the state's relations even when this target has them. */
  favorState?: boolean;
  onEvent?: EmitEvent;
  /** Aborting (Ctrl-C) cancels running statements and skips what has not started. */
  signal?: AbortSignal;
  /** Extra keys for run_results.json `args`. */
  args?: Record<string, unknown>;
  /** run_results.json of `--state`, for `result:` selection. */
  previousResults?: SelectOptions['previousResults'];
  /** sources.json of `--state`, for `source_status:` (compared with this project's target/sources.json). */
  previousSources?: SelectOptions['previousSources'];
  /** Run exactly these nodes (retry), bypassing selection. */
  uniqueIds?: string[];
  /** dbt.log: folder, level, rotation size (default: dbt_project.yml's `log-path`, else `logs`; debug; 10 MB). */
  log?: LogFileOptions;
  /** false: no run_results.json and manifest.json (dbt's --no-write-json). */
  writeJson?: boolean;
  /**
   * --warn-error: true when the warning of this diagnostic code or dbt event name is an error. Parse warnings then
   * stop the task (exit 2) and tests that warn fail (`LogTestResult`).
   */
  warnError?: (name: string) => boolean;
  /** --store-failures: every data test without its own store_failures config stores its failing rows (dbt's flag). */
  storeFailures?: boolean;
  /** --event-time-start / --event-time-end: the window microbatch models build (ISO dates, both or neither). */
  eventTimeStart?: string;
  eventTimeEnd?: string;
  /** `retry`: the previous batch results of partly successful microbatch models, by unique_id. */
  retryBatches?: Map<string, BatchResults>;
}

export interface TaskResult {
  kind: TaskKind;
  results: NodeResult[];
  /** Seconds. */
  elapsed: number;
  cancelled: boolean;
  /** 0 all good, 1 a node or test failed, 130 cancelled. */
  exitCode: number;
  runResultsPath: string;
  project: Project;
  /** --store-failures was on (the summary points at the rows of the tests that failed). */
  storeFailures?: boolean;
}

async function refOverridesFor(project: Project, options: TaskOptions, plan: Plan, pool: ConnectionPool): Promise<Map<string, string> | undefined> {
  const deferred = options.defer && options.state ? await pool.with((c) => deferredRefs(project, options.state!, new Set(plan.ids), c, !!options.favorState)) : undefined;
  return options.empty ? emptyRefs(project.manifest, deferred) : deferred;
}

/** What `retry` replays, as dbt records it in run_results.json `args`: the target and the `--vars` given. */
function invocationArgs(project: Project): Record<string, unknown> {
  return { target: project.target.name, vars: project.cliVars };
}

/** dbt_project.yml's deprecated `log-path:` (relative to the project), when set. */
function projectLogPath(project: Project): string | undefined {
  const v = project.config.raw['log-path'];
  return typeof v === 'string' && v ? v : undefined;
}

/**
 * Warnings as dbt shows them before a run (parse warnings, a selection criterion matching nothing); under
 * --warn-error they end the task before it runs anything, as dbt raises them (exit 2).
 */
function reportWarnings(diagnostics: readonly Diagnostic[], project: Project, options: TaskOptions, emit: EmitEvent): void {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const warnError = options.warnError;
  const promoted = warnError ? warnings.filter((d) => warnError(d.code)) : [];
  if (!promoted.length) {
    for (const diagnostic of warnings) emit({ kind: 'warning', diagnostic, projectDir: project.projectDir });
    return;
  }
  throw new TsdbtError(promoted[0]!.code, `${promoted.length} warning(s) treated as errors (--warn-error)`, {
    diagnostics: promoted.map((d) => ({ ...d, severity: 'error' as const, hint: d.hint ?? 'A warning, made an error by --warn-error (or --warn-error-options).' })),
    exitCode: 2,
  });
}

/** Waits for the target/compiled and target/run files; one that cannot be written is a warning, not a failed run. */
async function settleFiles(files: NodeFiles, emit: EmitEvent, log: LogFile): Promise<void> {
  try {
    await files.finish();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = isTsdbtError(error) ? error.code : 'TSDBT_WRITE_FAILED';
    const file = isTsdbtError(error) ? error.diagnostics[0]?.file : undefined;
    const text = `[WARNING] ${code}: ${message}${file ? ` (${file})` : ''}`;
    log.write('warn', text);
    emit({ kind: 'info', message: text });
  }
}

/**
 * dbt connects before the first node (to fill its relation cache): a warehouse it cannot reach ends the task there
 * with exit 2, instead of an error per node. The connection stays in the pool for the first thread.
 */
async function connectFirst(pool: ConnectionPool, log: LogFile): Promise<void> {
  try {
    await pool.with(async () => undefined);
  } catch (error) {
    log.write('error', error instanceof Error ? error.message : String(error));
    log.close();
    await pool.closeAll();
    throw asProjectError(error);
  }
}

/** Parse, plan and run one dbt task (`run`, `seed`, `test`, `snapshot`, `build`); returns results, prints nothing. */
export async function runTask(kind: TaskKind, options: TaskOptions): Promise<TaskResult> {
  if (options.defer && !options.state) {
    throw new TsdbtError('TSDBT_DEFER_NEEDS_STATE', '--defer needs --state pointing at the artifacts of an earlier run', { exitCode: 2 });
  }
  const microbatch = { ...eventTimeFlags(options.eventTimeStart, options.eventTimeEnd), retry: options.retryBatches };
  const started = Date.now();
  const emit: EmitEvent = options.onEvent ?? (() => undefined);
  const project = await parseProject(options);
  const invocationId = project.invocationId ?? randomUUID();
  emit({ kind: 'begin', manifest: project.manifest, adapter: project.target.type, invocationId });
  reportWarnings(project.diagnostics, project, options, emit);
  const log = new LogFile(project.projectDir, { ...options.log, dir: options.log?.dir ?? projectLogPath(project) });
  log.write('info', `Running with tsdbt=${runnerVersion()} invocation_id=${invocationId} command=${kind}`);
  let plan: Plan;
  const selectionWarnings: Diagnostic[] = [];
  try {
    plan = await buildPlan(project.manifest, kind, {
      onDiagnostic: (d) => selectionWarnings.push(d),
      select: options.select, exclude: options.exclude, selector: options.selector, resourceTypes: options.resourceTypes,
      excludeResourceTypes: options.excludeResourceTypes, indirectSelection: options.indirectSelection,
      // Read each time rather than from the manifest: selectors.yml is not an input of the partial-parse cache.
      selectors: loadProjectSelectors(project),
      state: options.state, previousResults: options.previousResults, uniqueIds: options.uniqueIds,
      previousSources: options.previousSources, currentSources: options.previousSources ? readSourcesJson(project.targetPath) : undefined,
    });
    reportWarnings(selectionWarnings, project, options, emit);
  } catch (error) {
    log.write('error', error instanceof Error ? error.message : String(error));
    log.close();
    throw error;
  }
  const threads = options.threads ?? project.target.threads ?? 1;
  if (plan.ids.length) emit({ kind: 'concurrency', threads, target: project.target.name });
  const pool = new ConnectionPool(project.adapter, project.target);
  if (plan.ids.length) await connectFirst(pool, log);
  let cancelled = false;
  const onAbort = (): void => {
    cancelled = true;
    emit({ kind: 'cancelled' });
    log.write('warn', 'Cancelled: interrupting running statements');
    log.flush();
    void pool.cancelAll();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  let results: NodeResult[];
  const files = new NodeFiles(project, plan.ids.length);
  try {
    const task: TaskContext = {
      project, pool, schemas: new SchemaCache(project.dialect), relations: new RelationCache(), emit, log, kind, invocationId,
      total: plan.ids.length, fullRefresh: !!options.fullRefresh, empty: !!options.empty, refOverrides: await refOverridesFor(project, options, plan, pool),
      files, state: options.state, testWarnIsError: !!options.warnError?.('LogTestResult'), warnError: options.warnError,
      storeFailures: !!options.storeFailures,
      microbatch: { ...microbatch, now: new Date(started) },
    };
    results = await executePlan(task, plan, { threads, failFast: !!options.failFast, cancelled: () => cancelled });
  } catch (error) {
    await settleFiles(files, emit, log);
    log.write('error', error instanceof Error ? error.message : String(error));
    log.close();
    await pool.closeAll();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const elapsed = (Date.now() - started) / 1000;
  // Closing may flush the warehouse (DuckDB checkpoints its file on its own threads): the artifacts are written
  // meanwhile. closeAll never rejects.
  const closed = pool.closeAll();
  const filesWritten = settleFiles(files, emit, log);
  let runResultsPath: string;
  try {
    const args = { which: kind, ...(options.args ?? {}), ...invocationArgs(project) };
    runResultsPath = options.writeJson === false ? join(project.targetPath, 'run_results.json') : await writeRunResults(project.targetPath, results, { invocationId, elapsed, version: runnerVersion(), args });
    if (options.writeJson !== false) await writeManifest(project);
  } finally {
    await filesWritten;
    await closed;
  }
  log.write('info', `Finished ${kind}: ${results.length} nodes in ${elapsed.toFixed(2)}s${cancelled ? ' (cancelled)' : ''}`);
  log.close();
  const exitCode = cancelled ? 130 : results.some((r) => FAILED.has(r.status)) ? 1 : 0;
  return { kind, results, elapsed, cancelled, exitCode, runResultsPath, project, storeFailures: !!options.storeFailures };
}
