import type { Argv, CommandModule } from 'yargs';
import type { DocsArgs } from '../handlers/docs.js';

export const docsCommand: CommandModule<object, DocsArgs> = {
  command: 'docs',
  describe: 'Generate or serve the documentation site (lineage, column lineage, dashboard)',
  builder: (y: Argv<object>) =>
    y
      .command<DocsArgs>('generate', 'Compile the project, read the catalog from the warehouse and write the site to target/', (g) =>
        g.options({
          compile: { type: 'boolean', default: true, describe: 'Compile every node first (--no-compile skips it)' },
          'empty-catalog': { type: 'boolean', default: false, describe: 'Skip reading the warehouse: empty catalog, no dashboard' },
        }) as never, async (argv) => {
        const { generate } = await import('../handlers/docs.js');
        argv.exitCode = await generate(argv);
      })
      .command<DocsArgs>('serve', 'Serve target/ over HTTP', (s) =>
        s.options({
          port: { type: 'number', default: 8080, describe: 'Port to listen on' },
          host: { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' },
          browser: { type: 'boolean', default: false, describe: 'Open a browser on the site' },
        }) as never, async (argv) => {
        const { serve } = await import('../handlers/docs.js');
        argv.exitCode = await serve(argv);
      })
      .demandCommand(1, 'Name an action: tsdbt docs generate | tsdbt docs serve') as never,
  handler: () => undefined,
};
