import type { CommandModule } from 'yargs';
import { show } from '@tsdbt/runner';
import { formatTable } from '../printing/table.js';

interface ShowArgs {
  select?: string[];
  inline?: string;
  limit: number;
  output: 'text' | 'json';
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  exitCode?: number;
}

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
    const r = await show({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars, select: argv.select, inline: argv.inline, limit: argv.limit });
    if (argv.output === 'json') {
      const rows = r.result.rows.map((row) => Object.fromEntries(r.result.columns.map((c, i) => [c.name, row[i]])));
      process.stdout.write(`${JSON.stringify({ node: r.name, show: rows }, null, 2)}\n`);
    } else {
      process.stdout.write(`Previewing ${r.name === 'inline' ? 'inline node' : `node '${r.name}'`}:\n${formatTable(r.result)}\n`);
    }
    argv.exitCode = 0;
  },
};
