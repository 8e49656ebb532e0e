import type { CommandModule } from 'yargs';
import type { DepsArgs } from '../handlers/deps.js';

export const depsCommand: CommandModule<object, DepsArgs> = {
  command: 'deps',
  describe: 'Install the packages of packages.yml into dbt_packages/ (pinned in package-lock.yml)',
  builder: (y) =>
    y
      .options({
        upgrade: { type: 'boolean', default: false, describe: 'Resolve every package again and rewrite package-lock.yml' },
        lock: { type: 'boolean', default: false, describe: 'Only resolve the packages and write package-lock.yml; install nothing' },
      })
      .strict()
      .example('$0 deps', 'Install the packages package-lock.yml pins (resolving it first when packages.yml changed)')
      .example('$0 deps --upgrade', 'Take the newest versions packages.yml allows') as never,
  handler: async (argv) => {
    const { depsHandler } = await import('../handlers/deps.js');
    argv.exitCode = await depsHandler(argv);
  },
};
