/** A problem found in the user's project, as data (Malloy's model): printed by the CLI, never thrown raw. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code, e.g. `TSDBT_REF_NOT_FOUND`. Tests and docs refer to it. */
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the project root where one exists. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** What the user can do about it. */
  hint?: string;
}

/**
 * An error a user caused or a runtime failure with a stable code. `diagnostics` holds every problem when
 * several were collected; `cause` keeps the driver's or library's own error.
 */
export class TsdbtError extends Error {
  readonly code: string;
  readonly diagnostics: Diagnostic[];
  /** Exit code the CLI should use, as dbt's: 1 a node or runtime failure, 2 bad usage or a project that does not parse. */
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    options: { diagnostics?: Diagnostic[]; cause?: unknown; exitCode?: number; file?: string; line?: number; column?: number; hint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TsdbtError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.diagnostics = options.diagnostics ?? [
      { code, severity: 'error', message, file: options.file, line: options.line, column: options.column, hint: options.hint },
    ];
  }
}

export function isTsdbtError(e: unknown): e is TsdbtError {
  return e instanceof Error && (e as TsdbtError).name === 'TsdbtError' && Array.isArray((e as TsdbtError).diagnostics);
}

/**
 * The error as one that stops the task before any node runs: dbt exits 2 for those (its "unhandled error": a
 * project it cannot read, a warehouse it cannot reach), keeping 1 for nodes that failed. Errors already carrying
 * another code (usage 2, cancel 130) keep it.
 */
export function asProjectError(error: unknown): unknown {
  if (!isTsdbtError(error) || error.exitCode !== 1) return error;
  const e = new TsdbtError(error.code, error.message, { diagnostics: error.diagnostics, cause: error.cause, exitCode: 2 });
  e.stack = error.stack;
  return e;
}
