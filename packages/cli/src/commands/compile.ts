import type { CommandModule } from 'yargs';
import type { CompileArgs } from '../handlers/compile.js';
import { indirectSelectionOption, resolveSelectionArgs, type SelectionArgs } from './selection-options.js';

export const compileCommand: CommandModule<object, CompileArgs & SelectionArgs> = {
  command: 'compile',
  describe: 'Render the selected models, tests and analyses to SQL under target/compiled/',
  builder: (y) =>
    y
      .options({
        select: { type: 'string', array: true, alias: ['s', 'models', 'm'], describe: 'Nodes to compile (dbt selection syntax)' },
        exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
        selector: { type: 'string', describe: 'A named selector from selectors.yml' },
        threads: { type: 'number', describe: "Threads (default: the target's threads)" },
        inline: { type: 'string', describe: 'Compile this SQL (with ref/source/macros) and print it' },
        ...indirectSelectionOption,
      })
      .strict()
      .example('$0 compile', 'Compile every model, test and analysis')
      .strict()
      .example('$0 compile -s orders+', 'Compile orders and everything downstream of it')
      .example(`$0 compile --inline "select * from {{ ref('orders') }}"`, 'Print one compiled statement') as never,
  handler: async (argv) => {
    resolveSelectionArgs(argv, { indirect: true });
    const { compileHandler } = await import('../handlers/compile.js');
    argv.exitCode = await compileHandler(argv);
  },
};
