import type { CommandModule, Options } from 'yargs';
import type { LsArgs } from '../handlers/ls.js';
import { indirectSelectionOption, resolveSelectionArgs, resourceTypeOptions } from './selection-options.js';

const lsOptions = {
  select: { type: 'string', array: true, alias: 's', describe: 'Nodes to include (dbt selection syntax)' },
  models: { type: 'string', array: true, alias: 'm', describe: "Like --select, listing models only (dbt's legacy flag)" },
  exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
  selector: { type: 'string', describe: 'A named selector from selectors.yml' },
  ...resourceTypeOptions,
  output: { type: 'string', alias: 'o', choices: ['selector', 'name', 'path', 'json'], default: 'selector', describe: 'What to print for each node' },
  'output-keys': { type: 'string', array: true, describe: 'With --output json: the keys to print (space- or comma-separated)' },
  state: { type: 'string', describe: 'Folder with manifest.json (and run_results.json) of an earlier run, for state: and result: (default: $DBT_STATE)' },
  ...indirectSelectionOption,
} as const satisfies Record<string, Options>;

export const lsCommand: CommandModule<object, LsArgs> = {
  command: ['ls', 'list'],
  describe: 'List the resources of the project that a selection picks (dbt ls)',
  builder: (y) =>
    y
      .options(lsOptions)
      .example('$0 ls', 'Every model, seed, snapshot, test, source and exposure')
      .example('$0 ls -s +orders --resource-type model', 'orders and every model upstream of it')
      .example('$0 ls -s tag:nightly --exclude staging --output path', 'Files of nightly nodes outside staging')
      .example('$0 ls --selector nightly --output json --output-keys name,config', 'A selectors.yml selector, as JSON') as never,
  handler: async (argv) => {
    resolveSelectionArgs(argv, { indirect: true, resourceTypes: true });
    const { listCommand } = await import('../handlers/ls.js');
    argv.exitCode = await listCommand(argv);
  },
};
