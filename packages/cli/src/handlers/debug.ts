import { debugProject } from '@tsdbt/core';
import type { GlobalArgs } from '../global-options.js';

export interface DebugArgs extends GlobalArgs {
  connection?: boolean;
}

/** `tsdbt debug`: one line per check; 1 when any failed. */
export async function debugHandler(argv: DebugArgs): Promise<number> {
  const report = await debugProject({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, profile: argv.profile, target: argv.target, vars: argv.vars, connect: argv.connection });
  if (argv.logFormat === 'json') for (const c of report.checks) process.stdout.write(`${JSON.stringify(c)}\n`);
  else {
    for (const c of report.checks) process.stdout.write(`  ${c.name}: ${c.ok ? 'OK' : 'ERROR'}  ${c.detail}\n`);
    process.stdout.write(report.ok ? 'All checks passed!\n' : 'Some checks failed.\n');
  }
  return report.ok ? 0 : 1;
}
