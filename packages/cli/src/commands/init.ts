import type { CommandModule } from 'yargs';
import type { InitArgs } from '../handlers/init.js';

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [project_name]',
  describe: 'Create a new project from the starter project and set up its profile in profiles.yml',
  builder: (y) =>
    y
      .positional('project_name', { type: 'string', describe: 'Name of the project and of its new folder (letters, digits, underscores)' })
      .options({
        'skip-profile-setup': { type: 'boolean', alias: 's', default: false, describe: 'Create the project only; write no profile' },
      })
      .strict()
      .example('$0 init my_project', 'Create my_project/ and ask for its warehouse (without a terminal: duckdb, its defaults)')
      .example('$0 init my_project --skip-profile-setup', 'Create my_project/ only')
      .example('$0 init my_project --profile shared', 'Create my_project/ using the existing profile "shared"')
      .example('$0 init', "Inside a project: set up the profile dbt_project.yml names") as never,
  handler: async (argv) => {
    const { initHandler } = await import('../handlers/init.js');
    argv.exitCode = await initHandler(argv);
  },
};
