import type { CommandModule } from 'yargs';
import { cleanProject } from '@tsdbt/core';
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
  handler: (argv) => {
    const { removed, missing } = cleanProject({ projectDir: argv.projectDir });
    if (!argv.quiet) {
      for (const r of removed) process.stdout.write(`Cleaned ${r}/\n`);
      for (const m of missing) process.stdout.write(`Nothing to clean at ${m}/\n`);
    }
    argv.exitCode = 0;
  },
};
