import type { CommandModule } from 'yargs';
import { sourceFreshness } from '@tsdbt/runner';
import { green, red, useColor, yellow } from '../printing/colors.js';
import { dotted } from '../printing/node-lines.js';

interface FreshnessArgs {
  action: string;
  select?: string[];
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  exitCode?: number;
}

export const sourceFreshnessCommand: CommandModule<object, FreshnessArgs> = {
  command: 'source <action>',
  describe: 'Check source freshness (`tsdbt source freshness`), writing target/sources.json',
  builder: (y) =>
    y.positional('action', { type: 'string', choices: ['freshness'], demandOption: true }).options({ select: { type: 'string', array: true, alias: 's', describe: 'Sources to check' } }) as never,
  handler: async (argv) => {
    const { results, exitCode } = await sourceFreshness({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars, select: argv.select });
    const color = useColor();
    results.forEach((r, i) => {
      const paint = r.status === 'pass' ? green : r.status === 'warn' ? yellow : red;
      const label = r.status === 'pass' ? 'PASS' : r.status === 'warn' ? 'WARN' : 'ERROR STALE';
      process.stdout.write(`${dotted(`${i + 1} of ${results.length} ${paint(color, label)} freshness of ${r.name}`, `[${paint(color, label)}]`)}\n`);
      if (r.message) process.stdout.write(`  ${r.message}\n`);
    });
    if (!results.length) process.stdout.write('Nothing to do: no source has a freshness config with loaded_at_field\n');
    argv.exitCode = exitCode;
  },
};
