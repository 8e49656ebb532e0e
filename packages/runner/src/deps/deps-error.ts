import { TsdbtError } from '@tsdbt/core';
import type { SpecOrigin } from './types.js';

/**
 * A `tsdbt deps` failure naming the packages.yml entry (file and line), the package, the cause and what to do.
 * Exit 1 as dbt's deps failures; the driver's or tool's own error stays as `cause`.
 */
export function depsError(code: string, at: SpecOrigin | undefined, pkg: string, cause: string, hint: string, error?: unknown): TsdbtError {
  const from = at?.requiredBy ? ` (required by ${at.requiredBy})` : '';
  return new TsdbtError(code, `Package ${pkg}${from}: ${cause}`, {
    file: at?.file ?? 'packages.yml',
    line: at?.line,
    hint,
    cause: error,
  });
}

/** The first line of an error's message, for a cause clause. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}
