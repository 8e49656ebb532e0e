import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../global-options.js';

export const parseCommand: CommandModule<object, GlobalArgs> = {
  command: 'parse',
  describe: 'Parse the project (config, property YAML, templates) and write target/manifest.json',
  builder: (y) =>
    y
      .strict()
      .example('$0 parse', 'Parse the project in the current folder')
      .strict()
      .example('$0 parse --project-dir examples/jaffle_shop --target prod', 'Parse another project against its prod target')
      .example("$0 parse --vars '{start_date: 2024-01-01}'", 'Parse with variables') as never,
  handler: async (argv) => {
    const { parseHandler } = await import('../handlers/parse.js');
    argv.exitCode = await parseHandler(argv);
  },
};
