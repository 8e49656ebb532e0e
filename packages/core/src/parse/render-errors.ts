import { join } from 'node:path';
import { TsdbtError, isTsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedProject } from '../project/parsed-project.js';
import { innerTsdbtError } from '../util/render-value.js';

/** A node's file as the user sees it from the root project (packages prefixed by their folder). */
export function displayFile(project: Pick<ParsedProject, 'packages'>, packageName: string, file: string): string {
  let dirs = relDirs.get(project.packages);
  if (!dirs) relDirs.set(project.packages, (dirs = new Map(project.packages.map((p) => [p.name, p.relDir]))));
  const rel = dirs.get(packageName);
  return rel ? join(rel, file) : file;
}

const relDirs = new WeakMap<object, Map<string, string>>();

/**
 * Diagnostics for an error thrown while rendering `file`: the engine's position, with the code of the error a
 * context function raised inside it (a missing env var is TSDBT_ENV_VAR_MISSING, not a generic render error).
 */
export function renderDiagnostics(error: unknown, file: string): Diagnostic[] {
  if (!isTsdbtError(error)) {
    return [{ code: 'TSDBT_JINJA_RENDER', severity: 'error', message: error instanceof Error ? error.message : String(error), file }];
  }
  const inner = innerTsdbtError(error);
  return error.diagnostics.map((d) => {
    const base = { ...d, file: d.file ?? file };
    if (!inner || inner === error) return base;
    const i = inner.diagnostics[0]!;
    return { ...base, code: inner.code, message: inner.message, hint: i.hint ?? base.hint, file: base.file, line: base.line ?? i.line, column: base.column ?? i.column };
  });
}

/** Throws one error holding every collected problem (warnings ride along so the user sees everything). */
export function throwIfErrors(problems: Diagnostic[], warnings: Diagnostic[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0]!;
  const message = errors.length === 1 ? first.message : `${errors.length} problems found while parsing the project`;
  throw new TsdbtError(errors.length === 1 ? first.code : 'TSDBT_PARSE_FAILED', message, {
    diagnostics: [...errors, ...warnings],
    exitCode: 2,
  });
}

/** Line and column (1-based) of `index` in `text`, offset by the line where the text starts in its file. */
export function position(text: string, index: number, startLine = 1): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line: line + startLine - 1, column };
}
