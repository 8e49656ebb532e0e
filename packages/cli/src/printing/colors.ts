/** ANSI colour only on a terminal, and never with NO_COLOR set (dbt's behaviour). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR;
}

const wrap = (code: number) => (on: boolean, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
export const green = wrap(32);
export const red = wrap(31);
export const yellow = wrap(33);
