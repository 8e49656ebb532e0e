import type { CommandModule } from 'yargs';
import type { FreshnessArgs } from '../handlers/source-freshness.js';

export const sourceFreshnessCommand: CommandModule<object, FreshnessArgs> = {
  command: 'source <action>',
  describe: 'Check source freshness (`tsdbt source freshness`), writing target/sources.json',
  builder: (y) =>
    y.positional('action', { type: 'string', choices: ['freshness'], demandOption: true }).options({ select: { type: 'string', array: true, alias: 's', describe: 'Sources to check' } }) as never,
  handler: async (argv) => {
    const { sourceFreshnessHandler } = await import('../handlers/source-freshness.js');
    argv.exitCode = await sourceFreshnessHandler(argv);
  },
};
