import { sourceFreshness } from '@tsdbt/runner';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { green, red, useColor, yellow } from '../printing/colors.js';
import { dotted } from '../printing/node-lines.js';

export interface FreshnessArgs extends GlobalArgs {
  action: string;
  select?: string[];
}

/** `tsdbt source freshness`: one line per source, dbt's exit code. */
export async function sourceFreshnessHandler(argv: FreshnessArgs): Promise<number> {
  const { results, exitCode } = await sourceFreshness({ ...parseOptionsFrom(argv), select: argv.select, writeJson: argv.writeJson });
  const color = useColor();
  results.forEach((r, i) => {
    const paint = r.status === 'pass' ? green : r.status === 'warn' ? yellow : red;
    const label = r.status === 'pass' ? 'PASS' : r.status === 'warn' ? 'WARN' : 'ERROR STALE';
    process.stdout.write(`${dotted(`${i + 1} of ${results.length} ${paint(color, label)} freshness of ${r.name}`, `[${paint(color, label)}]`)}\n`);
    if (r.message) process.stdout.write(`  ${r.message}\n`);
  });
  if (!results.length) process.stdout.write('Nothing to do: no source has a freshness config with loaded_at_field\n');
  return exitCode;
}
