import type { CommandModule } from 'yargs';
import type { DepsArgs } from '../handlers/deps.js';

export const depsCommand: CommandModule<object, DepsArgs> = {
  command: 'deps',
  describe: 'Install the packages of packages.yml into dbt_packages/ (pinned in package-lock.yml); --add-package adds one',
  builder: (y) =>
    y
      .options({
        upgrade: { type: 'boolean', default: false, describe: 'Resolve every package again and rewrite package-lock.yml' },
        lock: { type: 'boolean', default: false, describe: 'Only resolve the packages and write package-lock.yml; install nothing' },
        'add-package': { type: 'string', describe: 'Add a package to packages.yml (or update its version), then install: <name>@<version>' },
        source: { type: 'string', default: 'hub', describe: 'Where --add-package comes from: hub (org/name@version), git (url@revision) or local (a folder, no version)' },
        'dry-run': { type: 'boolean', default: false, describe: 'With --add-package: update packages.yml and package-lock.yml; install nothing' },
      })
      .strict()
      .example('$0 deps', 'Install the packages package-lock.yml pins (resolving it first when packages.yml changed)')
      .example('$0 deps --upgrade', 'Take the newest versions packages.yml allows')
      .example('$0 deps --add-package dbt-labs/dbt_utils@1.1.1', 'Add dbt_utils 1.1.1 to packages.yml (or set its version) and install')
      .example('$0 deps --source git --add-package <url>@<rev>', 'Add a git package at a revision (--source local: a folder)') as never,
  handler: async (argv) => {
    const { depsHandler } = await import('../handlers/deps.js');
    argv.exitCode = await depsHandler(argv);
  },
};
