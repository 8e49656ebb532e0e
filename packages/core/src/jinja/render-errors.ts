/** Turns whatever a template throws into a coded TsdbtError that names the file, line and column. */
import { isTsdbtError, TsdbtError } from '../diagnostics/diagnostic.js';
import { Suspend } from './resumable.js';

/** Thrown by `{{ return(x) }}`; the macro call that is running catches it and hands back `value`. */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

/** Where a render is: the file (relative to the project) and the line of the file where the template starts. */
export interface Location {
  file: string;
  lineOffset: number;
}

const HINTS: Record<string, string> = {
  TSDBT_JINJA_RENDER: 'Check the values this expression uses; run with --debug for the underlying error.',
  TSDBT_JINJA_SYNTAX: "Check the tag's spelling and that every block ({% if %}, {% for %}, {% macro %}) is closed.",
};

/** Passes control-flow signals through untouched and gives every other error a code and a location. */
export function wrapRenderError(e: unknown, at: Location, position: number, positions: readonly number[]): unknown {
  const line = positions[position * 2] ?? 0;
  const column = positions[position * 2 + 1] ?? 0;
  if (e instanceof Suspend || e instanceof MacroReturn) return e;
  if (isTsdbtError(e)) {
    const d = e.diagnostics[0];
    if (d && d.file === undefined) {
      d.file = at.file;
      d.line = line + at.lineOffset;
      d.column = column || undefined;
    }
    return e;
  }
  const cause = e instanceof Error ? e : new Error(String(e));
  const message = cause instanceof RangeError && /call stack/.test(cause.message) ? 'maximum recursion depth exceeded' : cause.message;
  return new TsdbtError('TSDBT_JINJA_RENDER', message, {
    cause,
    file: at.file,
    line: line + at.lineOffset,
    column: column || undefined,
    hint: HINTS.TSDBT_JINJA_RENDER,
  });
}

/** A parse/compile problem in the template text. */
export function syntaxError(message: string, at: Location, line: number | undefined, column: number | undefined, hint?: string, code = 'TSDBT_JINJA_SYNTAX'): TsdbtError {
  return new TsdbtError(code, message, {
    file: at.file,
    line: line === undefined ? undefined : line + at.lineOffset,
    column,
    hint: hint ?? HINTS.TSDBT_JINJA_SYNTAX,
  });
}

/** An error raised at runtime by a template helper; the compiled template adds the location. */
export function codedError(code: string, message: string, hint?: string): TsdbtError {
  return new TsdbtError(code, message, { hint });
}
