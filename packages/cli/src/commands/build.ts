import type { CommandModule } from 'yargs';
import { storeFailuresOption, storeFailuresTaskOptions, taskOptions, type StoreFailuresArgs } from './task-options.js';
import { favorStateOption, indirectSelectionOption, resourceTypeOptions, selectionTaskOptions, type SelectionArgs } from './selection-options.js';
import type { TaskArgs } from '../printing/task-command.js';
import { eventTimeOptions, eventTimeTaskOptions, type EventTimeArgs } from './event-time-options.js';

export const buildCommand: CommandModule<object, TaskArgs & SelectionArgs & EventTimeArgs & StoreFailuresArgs> = {
  command: 'build',
  describe: 'Seed, run, snapshot and test in DAG order',
  builder: (y) => y.options({ ...taskOptions, ...indirectSelectionOption, ...resourceTypeOptions, ...favorStateOption, ...eventTimeOptions, ...storeFailuresOption }) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('build', argv, {
      ...selectionTaskOptions(argv, { indirect: true, resourceTypes: true, favorState: true }),
      ...eventTimeTaskOptions(argv),
      ...storeFailuresTaskOptions(argv),
    });
  },
};
