import type { Adapter, Connection, Dialect, TargetConfig } from '../adapter/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { JinjaEngine, Logger } from '../jinja/index.js';
import type { Manifest } from '../manifest/types.js';
import type { ProjectPackage } from './packages.js';
import type { ProjectConfig } from './project-config.js';

export interface ParseOptions {
  projectDir?: string;
  profilesDir?: string;
  /** dbt's --profile: a profile of profiles.yml instead of dbt_project.yml's `profile:` ($DBT_PROFILE when unset). */
  profile?: string;
  target?: string;
  vars?: string | Record<string, unknown>;
  threads?: number;
  targetPath?: string;
  /** Skip reading/writing target/partial_parse.json (dbt's --no-partial-parse). */
  noPartialParse?: boolean;
  /** Receives log(), print() and exceptions.warn() from templates (core prints nothing itself). */
  logger?: Logger;
}

/** How one render runs: parse (execute=false), compile, or run with a live connection. */
export interface RenderRuntime {
  execute: boolean;
  connection?: Connection;
  isIncremental?: boolean;
  fullRefresh?: boolean;
  empty?: boolean;
  /** --store-failures (dbt's `flags.STORE_FAILURES`). */
  storeFailures?: boolean;
  /** unique_id → SQL text to print instead of the relation (unit tests). */
  refOverrides?: Map<string, string>;
  varOverrides?: Record<string, unknown>;
  /** Macro name → Jinja source that replaces it for this render (unit tests' `overrides.macros`). */
  macroOverrides?: Record<string, string>;
  invocationId?: string;
  /** dbt's `flags.WHICH` (`run`, `build`, `compile` ...). */
  which?: string;
  /** false: compileNode leaves the node's compiled_code alone (a unit test renders its model over fixture rows). */
  record?: boolean;
  /**
   * One batch of a microbatch model (dbt's `model.batch`): its refs and sources with an `event_time` read only
   * `[eventTimeStart, eventTimeEnd)`, both as dbt prints them (`2024-01-01 00:00:00+00:00`).
   */
  batch?: { id: string; eventTimeStart: string; eventTimeEnd: string };
  /** false: `compile --no-introspect`; a template's warehouse query (run_query, adapter.get_relation ...) is an error. */
  introspect?: boolean;
}

export interface ParsedProject {
  projectDir: string;
  projectName: string;
  config: ProjectConfig;
  target: TargetConfig;
  adapter: Adapter;
  dialect: Dialect;
  manifest: Manifest;
  engine: JinjaEngine;
  /** Warnings collected while parsing (errors throw one TsdbtError holding all of them). */
  diagnostics: Diagnostic[];
  /** Absolute target folder. */
  targetPath: string;
  /** Root project first, then its packages. */
  packages: ProjectPackage[];
  /** `target` as templates see it: no secrets. */
  safeTarget: Record<string, unknown>;
  profileName: string;
  cliVars: Record<string, unknown>;
  /** `{% docs name %}` blocks by `package.name`. */
  docs: Map<string, string>;
  invocationId: string;
  runStartedAt: Date;
  /** Partial-parse bookkeeping (internal): the inputs this parse saw, and whether it reused the last one. */
  partialParse?: { inputs: { key: string; files: Record<string, string> }; envVars: Record<string, string | null>; reused: boolean; statsUnchanged?: boolean };
  /** Whether the manifest / engine were materialised (a reused parse loads them on first use). */
  manifestLoaded?: () => boolean;
  engineLoaded?: () => boolean;
  /** Problems found registering macro files (reported by the parse). */
  macroProblems?: Diagnostic[];
  /** Compiled files still being written (compileProject with deferWrites): writeManifest waits for them. */
  pendingWrites?: Promise<unknown>;
}
