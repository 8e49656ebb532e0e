import type { CommandModule } from 'yargs';
import type { DebugArgs } from '../handlers/debug.js';

export const debugCommand: CommandModule<object, DebugArgs> = {
  command: 'debug',
  describe: 'Check the project, the profile and the warehouse connection',
  builder: (y) =>
    y
      .options({ connection: { type: 'boolean', default: true, describe: 'Test the connection (--no-connection to skip)' } })
      .strict()
      .example('$0 debug', 'Check dbt_project.yml, profiles.yml and run select 1 on the target')
      .strict()
      .example('$0 debug --target prod --no-connection', 'Check the prod profile without connecting') as never,
  handler: async (argv) => {
    const { debugHandler } = await import('../handlers/debug.js');
    argv.exitCode = await debugHandler(argv);
  },
};
