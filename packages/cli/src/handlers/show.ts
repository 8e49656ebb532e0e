import { show } from '@tsdbt/runner';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { formatTable } from '../printing/table.js';

export interface ShowArgs extends GlobalArgs {
  select?: string[];
  inline?: string;
  limit: number;
  output: 'text' | 'json';
}

/** `tsdbt show`: a node's or inline SQL's first rows, as a table or JSON. */
export async function showHandler(argv: ShowArgs): Promise<number> {
  const r = await show({ ...parseOptionsFrom(argv), select: argv.select, inline: argv.inline, limit: argv.limit });
  if (argv.output === 'json') {
    const rows = r.result.rows.map((row) => Object.fromEntries(r.result.columns.map((c, i) => [c.name, row[i]])));
    process.stdout.write(`${JSON.stringify({ node: r.name, show: rows }, null, 2)}\n`);
  } else {
    process.stdout.write(`Previewing ${r.name === 'inline' ? 'inline node' : `node '${r.name}'`}:\n${formatTable(r.result)}\n`);
  }
  return 0;
}
