import { resolveFlags, type ResolvedFlags } from './resolve-flags.js';

/**
 * The resolved global flags of this invocation, set once by main()'s middleware before any handler runs. Printing
 * code far from argv (colours, line width, warnings) reads them here; before main() sets them, dbt's defaults apply.
 */
let current: ResolvedFlags | undefined;

export function setCliFlags(flags: ResolvedFlags): void {
  current = flags;
}

export function cliFlags(): ResolvedFlags {
  return (current ??= resolveFlags({}));
}
