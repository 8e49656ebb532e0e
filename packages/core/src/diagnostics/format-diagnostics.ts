import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  /** Root for relative `file` paths, to read the source excerpt. */
  projectDir?: string;
  /** Lines of context above the marked line. */
  context?: number;
  /** Print at most this many diagnostics (errors first); the rest are counted. Default: all. */
  max?: number;
}

function excerpt(d: Diagnostic, options: FormatOptions): string[] {
  if (!d.file || !d.line) return [];
  const path = isAbsolute(d.file) ? d.file : join(options.projectDir ?? process.cwd(), d.file);
  if (!existsSync(path)) return [];
  let lines: string[];
  try {
    lines = readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
  if (d.line > lines.length) return [];
  const first = Math.max(1, d.line - (options.context ?? 1));
  const width = String(d.line).length;
  const out: string[] = [];
  for (let n = first; n <= d.line; n++) out.push(`  ${String(n).padStart(width)} | ${lines[n - 1]!.replace(/\t/g, ' ')}`);
  if (d.column) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, d.column - 1))}^`);
  return out;
}

/** One diagnostic as a user reads it: `file:line:col: error CODE: message`, a source excerpt with a caret, a hint. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const lines = [`${where}${d.severity} ${d.code}: ${d.message}`, ...excerpt(d, options)];
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  const ordered = [...diagnostics.filter((d) => d.severity === 'error'), ...diagnostics.filter((d) => d.severity !== 'error')];
  const shown = options.max !== undefined ? ordered.slice(0, options.max) : ordered;
  const more = ordered.length - shown.length;
  const body = shown.map((d) => formatDiagnostic(d, options)).join('\n\n') + (more > 0 ? `\n\n... and ${more} more` : '');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const summary = errors + warnings > 1 ? `\n\n${errors} error(s), ${warnings} warning(s)` : '';
  return body + summary;
}
