import type { CommandModule } from 'yargs';
import type { RunOperationArgs } from '../handlers/run-operation.js';

export const runOperationCommand: CommandModule<object, RunOperationArgs> = {
  command: 'run-operation <macro>',
  describe: 'Call a macro with a live warehouse connection',
  builder: (y) => y.positional('macro', { type: 'string', demandOption: true }).options({ args: { type: 'string', describe: "Macro arguments as YAML, e.g. --args '{days: 7}'" } }) as never,
  handler: async (argv) => {
    const { runOperationHandler } = await import('../handlers/run-operation.js');
    argv.exitCode = await runOperationHandler(argv);
  },
};
