import { setCliFlags } from './cli-flags.js';
import type { GlobalArgs } from './global-options.js';
import { checkCompatEnv, resolveFlags } from './resolve-flags.js';

/**
 * yargs middleware: resolves the global flags against their DBT_* variables once, before the handler runs, and
 * writes back the values handlers read from argv (so `--no-write-json` and `DBT_WRITE_JSON=false` look the same).
 */
export function applyFlags(argv: GlobalArgs): void {
  checkCompatEnv();
  const flags = resolveFlags(argv);
  setCliFlags(flags);
  argv.writeJson = flags.writeJson;
}
