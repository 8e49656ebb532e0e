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

/**
 * The first line of an error's message, for a cause clause. `url` is a URL as rendered (an env_var() token in it)
 * and as written: the message says it as written, so the token never reaches the console or the logs.
 */
export function reason(error: unknown, url?: { rendered: string; raw: string }): string {
  let text = error instanceof Error ? error.message : String(error);
  if (url && url.rendered !== url.raw && url.rendered) text = text.split(url.rendered).join(url.raw);
  return text.trim().split('\n')[0] ?? text;
}
