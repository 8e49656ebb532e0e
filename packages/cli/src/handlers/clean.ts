import { cleanProject } from '@tsdbt/core';
import type { GlobalArgs } from '../global-options.js';

/** `tsdbt clean`: removes the clean-targets and says what it removed. */
export function cleanHandler(argv: GlobalArgs): number {
  const { removed, missing } = cleanProject({ projectDir: argv.projectDir });
  if (!argv.quiet) {
    for (const r of removed) process.stdout.write(`Cleaned ${r}/\n`);
    for (const m of missing) process.stdout.write(`Nothing to clean at ${m}/\n`);
  }
  return 0;
}
