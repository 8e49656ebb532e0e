/** From template text to generated JavaScript, turning parse/compile problems into coded, positioned errors. */
import type { TsdbtError } from '../diagnostics/diagnostic.js';
import { CompileProblem, type NameTables } from './compile-expr.js';
import { TemplateCompiler } from './compiler.js';
import { parseTemplate } from './jinja-parser.js';
import { ReplayUnsupported, type Lexed } from './replay-tokenizer.js';
import type { AstNode } from './nunjucks-internals.js';
import type { MacroDefinition } from './macro-registry.js';
import { staticMacroCalls } from './static-macro-calls.js';
import { syntaxError, type Location } from './render-errors.js';

/** Jinja (keep_trailing_newline=False) drops one trailing newline. */
export function stripTrailingNewline(source: string): string {
  return source.endsWith('\n') ? source.slice(0, source.endsWith('\r\n') ? -2 : -1) : source;
}

const SYNTAX_HINTS: [RegExp, string][] = [
  [/recursive/, "Jinja's for tag: {% for x in items if condition recursive %} (the filter optional, `recursive` last); inside, {{ loop(x.children) }} renders the body again for the children."],
  [/unknown block tag/, 'Jinja tags tsdbt knows: if, for, set, macro, call, filter, with, raw, do, break, continue (and dbt\'s test, materialization, docs, snapshot).'],
  [/expected (block|variable) end|unexpected end of file|expected elif|endfor|endif|endmacro/, 'A block is not closed, or a tag is malformed: check for a missing {% end… %} or a stray quote.'],
];

function hintFor(message: string): string | undefined {
  return SYNTAX_HINTS.find(([re]) => re.test(message))?.[1];
}

/** Maps whatever the parser or compiler threw to TSDBT_JINJA_SYNTAX / TSDBT_UNKNOWN_FILTER at the right place. */
export function toSyntaxError(e: unknown, at: Location, source?: string): TsdbtError {
  if (e instanceof CompileProblem) {
    return syntaxError(e.message, at, e.lineno === undefined ? undefined : e.lineno + 1, e.colno === undefined ? undefined : e.colno + 1, e.hint ?? hintFor(e.message), e.code);
  }
  const err = e as Error & { lineno?: number; colno?: number };
  const message = String(err.message ?? e)
    .replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/, '')
    .replace(/^\w+: /, '')
    .trim();
  // Problems found at the end of the text (an unclosed block) come without a position: point at the last line.
  const line = err.lineno ?? (source === undefined ? undefined : source.split('\n').length);
  return syntaxError(message, at, line, err.colno, hintFor(message));
}

function parse(source: string, at: Location, lexed?: Lexed): AstNode {
  try {
    return parseTemplate(source, lexed);
  } catch (e) {
    if (e instanceof ReplayUnsupported) throw e;
    throw toSyntaxError(e, at, source);
  }
}

/** Generated code plus the side tables it reads (K: constants, P: positions). */
export interface CompiledCode {
  code: string;
  consts: unknown[];
  positions: number[];
}

/** The body of a template's render function `(R, S, s, K, P)`; `lexed`: the tokens of the text without its last newline. */
export function compileTemplate(source: string, names: NameTables, at: Location, lexed?: Lexed): CompiledCode {
  const root = parse(stripTrailingNewline(source), at, lexed);
  try {
    const compiler = new TemplateCompiler(names);
    const code = compiler.compileRoot(root);
    return { code, consts: compiler.consts, positions: compiler.positions };
  } catch (e) {
    throw toSyntaxError(e, at);
  }
}

export interface CompiledMacro {
  def: MacroDefinition;
  /** A `function (R, S, a, kw)` expression, reading K and P of its file (see `tables`). */
  code: string;
  tables: { consts: unknown[]; positions: number[] };
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function paramNames(node: AstNode): string[] {
  return (node.args.children as AstNode[]).flatMap((a) => (a.typename === 'KeywordArgs' ? a.children.map((p: AstNode) => p.key.value as string) : [a.value as string]));
}

/** Every top-level `{% macro %}` / `{% test %}` of a macro file, compiled; other text in the file is ignored (as dbt does). */
export function compileMacroFile(packageName: string, file: string, source: string, names: NameTables): CompiledMacro[] {
  const at: Location = { file, lineOffset: 0 };
  const root = parse(source, at);
  const out: CompiledMacro[] = [];
  const compiler = new TemplateCompiler(names);
  for (const node of root.children as AstNode[]) {
    if (node.typename !== 'Macro') continue;
    const cut = typeof node.start === 'number' && node.start >= 0 ? source.slice(node.start, node.end) : source;
    const def: MacroDefinition = {
      name: node.name.value,
      packageName,
      file,
      line: typeof node.start === 'number' && node.start >= 0 ? lineAt(source, node.start) : node.lineno + 1,
      column: node.colno + 1,
      source: cut,
      arguments: paramNames(node),
      calls: staticMacroCalls(node),
    };
    try {
      out.push({ def, code: compiler.macroExpression(node), tables: compiler });
    } catch (e) {
      throw toSyntaxError(e, at);
    }
  }
  return out;
}
