import type { CommandModule } from 'yargs';
import { debugProject } from '@tsdbt/core';
import type { GlobalArgs } from '../global-options.js';

interface DebugArgs extends GlobalArgs {
  connection?: boolean;
}

export const debugCommand: CommandModule<object, DebugArgs> = {
  command: 'debug',
  describe: 'Check the project, the profile and the warehouse connection',
  builder: (y) =>
    y
      .options({ connection: { type: 'boolean', default: true, describe: 'Test the connection (--no-connection to skip)' } })
      .strict()
      .example('$0 debug', 'Check dbt_project.yml, profiles.yml and run select 1 on the target')
      .strict()
      .example('$0 debug --target prod --no-connection', 'Check the prod profile without connecting') as never,
  handler: async (argv) => {
    const report = await debugProject({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars, connect: argv.connection });
    if (argv.logFormat === 'json') for (const c of report.checks) process.stdout.write(`${JSON.stringify(c)}\n`);
    else {
      for (const c of report.checks) process.stdout.write(`  ${c.name}: ${c.ok ? 'OK' : 'ERROR'}  ${c.detail}\n`);
      process.stdout.write(report.ok ? 'All checks passed!\n' : 'Some checks failed.\n');
    }
    argv.exitCode = report.ok ? 0 : 1;
  },
};
