import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import { favorStateOption, indirectSelectionOption, selectionTaskOptions, type SelectionArgs } from './selection-options.js';
import type { TaskArgs } from '../printing/task-command.js';
import { eventTimeOptions, eventTimeTaskOptions, type EventTimeArgs } from './event-time-options.js';

export const runCommand: CommandModule<object, TaskArgs & SelectionArgs & EventTimeArgs> = {
  command: 'run',
  describe: 'Build the selected models in the warehouse',
  // run builds models only, so --indirect-selection changes nothing; it is accepted so one CI flag set fits every command.
  builder: (y) => y.options({ ...taskOptions, ...indirectSelectionOption, ...favorStateOption, ...eventTimeOptions }) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('run', argv, { ...selectionTaskOptions(argv, { indirect: true, favorState: true }), ...eventTimeTaskOptions(argv) });
  },
};
