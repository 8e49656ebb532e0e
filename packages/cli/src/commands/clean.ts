import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../global-options.js';

export const cleanCommand: CommandModule<object, GlobalArgs> = {
  command: 'clean',
  describe: "Delete the folders listed in dbt_project.yml's clean-targets (default: target/)",
  builder: (y) =>
    y
      .strict()
      .example('$0 clean', 'Remove target/ (and any other clean-targets)')
      .strict()
      .example('$0 clean --project-dir examples/jaffle_shop', 'Clean another project') as never,
  handler: async (argv) => {
    const { cleanHandler } = await import('../handlers/clean.js');
    argv.exitCode = cleanHandler(argv);
  },
};
