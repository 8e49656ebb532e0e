import type { CommandModule } from 'yargs';
import type { ShowArgs } from '../handlers/show.js';

export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show',
  describe: 'Preview the rows of a node or of inline SQL',
  builder: (y) =>
    y.options({
      select: { type: 'string', array: true, alias: 's', describe: 'The node to preview' },
      inline: { type: 'string', describe: 'SQL to run (Jinja allowed)' },
      limit: { type: 'number', default: 5, describe: 'Rows to show (-1 for all)' },
      output: { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Table or JSON rows' },
    }) as never,
  handler: async (argv) => {
    const { showHandler } = await import('../handlers/show.js');
    argv.exitCode = await showHandler(argv);
  },
};
