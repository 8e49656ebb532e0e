import type { Options } from 'yargs';
import { envBool } from '../resolve-flags.js';

/** Flags every DAG task shares (`run`, `seed`, `test`, `build`, `snapshot`), named as dbt names them. */
export const taskOptions = {
  select: { type: 'string', array: true, alias: ['s', 'models', 'm'], describe: 'Nodes to include (dbt selection syntax)' },
  exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
  selector: { type: 'string', describe: 'A named selector from selectors.yml' },
  threads: { type: 'number', describe: "Nodes run at once (default: the target's threads)" },
  // No yargs default: unset, it falls back to $DBT_FAIL_FAST and dbt_project.yml's flags (see resolve-flags.ts).
  'fail-fast': { type: 'boolean', alias: 'x', describe: 'Stop at the first failure ($DBT_FAIL_FAST)' },
  // No yargs defaults for these three either: unset, each falls back to its DBT_* variable (task-command.ts).
  'full-refresh': { type: 'boolean', alias: 'f', describe: 'Rebuild incremental models and seeds from scratch ($DBT_FULL_REFRESH)' },
  empty: { type: 'boolean', describe: 'Build relations with no rows (refs and sources read nothing) ($DBT_EMPTY)' },
  state: { type: 'string', describe: 'Folder with the manifest.json of an earlier run (for state: selection and --defer) ($DBT_STATE)' },
  defer: { type: 'boolean', describe: 'Resolve refs to unselected nodes from --state ($DBT_DEFER)' },
} as const satisfies Record<string, Options>;

/** dbt's --store-failures of `test` and `build` (no yargs default: unset, it falls back to $DBT_STORE_FAILURES). */
export const storeFailuresOption = {
  'store-failures': { type: 'boolean', describe: 'Store the failing rows of every test whose config does not say otherwise ($DBT_STORE_FAILURES)' },
} as const satisfies Record<string, Options>;

export interface StoreFailuresArgs {
  storeFailures?: boolean;
}

/** Flag > $DBT_STORE_FAILURES > off, as dbt's click option reads it; written back to argv. */
export function storeFailuresTaskOptions(argv: StoreFailuresArgs): { storeFailures: boolean } {
  argv.storeFailures ??= envBool('DBT_STORE_FAILURES') ?? false;
  return { storeFailures: argv.storeFailures };
}
