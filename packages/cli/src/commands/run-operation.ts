import type { CommandModule } from 'yargs';
import { parseVars } from '@tsdbt/core';
import { runOperation } from '@tsdbt/runner';

interface RunOperationArgs {
  macro: string;
  args?: string;
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  exitCode?: number;
}

export const runOperationCommand: CommandModule<object, RunOperationArgs> = {
  command: 'run-operation <macro>',
  describe: 'Call a macro with a live warehouse connection',
  builder: (y) => y.positional('macro', { type: 'string', demandOption: true }).options({ args: { type: 'string', describe: "Macro arguments as YAML, e.g. --args '{days: 7}'" } }) as never,
  handler: async (argv) => {
    const { value, seconds } = await runOperation({
      projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars,
      macro: argv.macro, args: argv.args ? parseVars(argv.args) : {},
    });
    if (value !== undefined && value !== null && String(value).trim() !== '') process.stdout.write(`${typeof value === 'string' ? value.trim() : JSON.stringify(value)}\n`);
    process.stdout.write(`Ran run-operation ${argv.macro} in ${seconds.toFixed(2)}s\n`);
    argv.exitCode = 0;
  },
};
