import type { CommandModule } from 'yargs';
import { storeFailuresOption, storeFailuresTaskOptions, taskOptions, type StoreFailuresArgs } from './task-options.js';
import { favorStateOption, indirectSelectionOption, resourceTypeOptions, selectionTaskOptions, type SelectionArgs } from './selection-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const testCommand: CommandModule<object, TaskArgs & SelectionArgs & StoreFailuresArgs> = {
  command: 'test',
  describe: 'Run data tests and unit tests',
  // --resource-type test / unit_test picks one kind of test (dbt 1.9); other types select nothing here.
  builder: (y) => y.options({ ...taskOptions, ...indirectSelectionOption, ...resourceTypeOptions, ...favorStateOption, ...storeFailuresOption }) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('test', argv, {
      ...selectionTaskOptions(argv, { indirect: true, resourceTypes: true, favorState: true }),
      ...storeFailuresTaskOptions(argv),
    });
  },
};
