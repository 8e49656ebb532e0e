import { cliFlags } from '../cli-flags.js';

/** --use-colors / --no-use-colors ($DBT_USE_COLORS) decide; otherwise colour on a terminal without NO_COLOR set. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  const forced = cliFlags().useColors;
  if (forced !== undefined) return forced;
  return !!stream.isTTY && !process.env.NO_COLOR;
}

const wrap = (code: number) => (on: boolean, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
export const green = wrap(32);
export const red = wrap(31);
export const yellow = wrap(33);
