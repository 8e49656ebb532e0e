import type { Manifest } from '@tsdbt/core';
import type { LogFile } from './artifacts/log-file.js';
import type { NodeFiles } from './artifacts/node-files.js';
import type { ConnectionPool } from './connection-pool.js';
import type { Project } from './core-api.js';
import type { TaskKind } from './plan.js';
import type { RelationCache } from './relation-cache.js';
import type { SchemaCache } from './schema-cache.js';
import type { EmitEvent } from './types.js';
import type { MicrobatchSettings } from './materialize/microbatch-types.js';

/** What every node of one task shares. */
export interface TaskContext {
  project: Project;
  pool: ConnectionPool;
  schemas: SchemaCache;
  relations: RelationCache;
  emit: EmitEvent;
  log: LogFile;
  kind: TaskKind;
  invocationId: string;
  total: number;
  fullRefresh: boolean;
  empty: boolean;
  /** `--state`'s manifest (`clone` copies the relations it names). */
  state?: Manifest;
  /** `--defer`: refs read from the state's relations. */
  refOverrides?: Map<string, string>;
  /** target/compiled and target/run files of the nodes run. */
  files?: NodeFiles;
  /** --warn-error (or `LogTestResult` in --warn-error-options): a test that warns fails, as dbt reports it. */
  testWarnIsError?: boolean;
  /** --store-failures (`test`, `build`). */
  storeFailures?: boolean;
  /** --warn-error / --warn-error-options: true when a warning of this code (or its dbt event name) is an error. */
  warnError?: (name: string) => boolean;
  /** --event-time-start/--event-time-end and retried batches, for microbatch models. */
  microbatch?: MicrobatchSettings;
}
