import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const buildCommand: CommandModule<object, TaskArgs> = {
  command: 'build',
  describe: 'Seed, run, snapshot and test in DAG order',
  builder: (y) => y.options({ ...taskOptions, 'resource-type': { type: 'string', array: true, describe: 'Resource types to include (model, seed, snapshot, test, unit_test)' } }) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('build', argv);
  },
};
