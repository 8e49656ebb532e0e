import type { CommandModule, Options } from 'yargs';
import { taskOptions } from './task-options.js';
import { resourceTypeOptions, type SelectionArgs } from './selection-options.js';
import type { CloneArgs } from '../handlers/clone.js';

const { select, exclude, selector, threads, state } = taskOptions;

/** dbt's `clone` flags: selection, --state (required), --full-refresh, --threads; no --defer, --empty. */
const cloneOptions = {
  select, exclude, selector, threads,
  'fail-fast': taskOptions['fail-fast'],
  'full-refresh': { type: 'boolean', alias: 'f', describe: 'Replace relations that already exist in this target ($DBT_FULL_REFRESH)' },
  state: { ...state, describe: 'Folder with the manifest.json of the run to clone from (required) ($DBT_STATE)' },
  'defer-state': { type: 'string', describe: "Clone from this folder's manifest.json instead of --state's ($DBT_DEFER_STATE)" },
  ...resourceTypeOptions,
} as const satisfies Record<string, Options>;

export const cloneCommand: CommandModule<object, CloneArgs & SelectionArgs> = {
  command: 'clone',
  describe: "Make the selected models, seeds and snapshots of --state's run exist in this target: table clones where the warehouse can, views otherwise",
  builder: (y) =>
    y
      .options(cloneOptions)
      .example('$0 clone --state prod-artifacts/', "Clone every model, seed and snapshot of prod's manifest into this target")
      .example('$0 clone --state prod-artifacts/ -s orders+ --threads 8', 'Clone orders and what is downstream of it, 8 at a time')
      .example('$0 clone --state prod-artifacts/ --full-refresh', 'Replace the relations that already exist here too') as never,
  handler: async (argv) => {
    const { cloneHandler } = await import('../handlers/clone.js');
    argv.exitCode = await cloneHandler(argv);
  },
};
