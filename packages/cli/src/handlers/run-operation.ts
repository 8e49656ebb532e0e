import { parseVars } from '@tsdbt/core';
import { runOperation } from '@tsdbt/runner';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';

export interface RunOperationArgs extends GlobalArgs {
  macro: string;
  args?: string;
}

/** `tsdbt run-operation <macro>`: prints what the macro returned and how long it took. */
export async function runOperationHandler(argv: RunOperationArgs): Promise<number> {
  const { value, seconds } = await runOperation({
    ...parseOptionsFrom(argv),
    macro: argv.macro, args: argv.args ? parseVars(argv.args) : {},
  });
  if (value !== undefined && value !== null && String(value).trim() !== '') process.stdout.write(`${typeof value === 'string' ? value.trim() : JSON.stringify(value)}\n`);
  process.stdout.write(`Ran run-operation ${argv.macro} in ${seconds.toFixed(2)}s\n`);
  return 0;
}
