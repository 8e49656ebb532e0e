/**
 * Compiles a template by reusing the parse of an earlier one of the same shape. Generated code keeps text and
 * positions in side tables (K, P: see ExprCompiler), so two templates that differ only in their text outside tags
 * and in their string literals compile to the same code with other tables. A project's generated or templated
 * models often share a few shapes, and lexing costs a fraction of parse + codegen.
 *
 * When a second template of a shape comes, a probe is compiled: the first template with every masked token (text,
 * string literal) replaced by a distinct marker, so each constant shows which token it came from and which constants
 * are the compiler's own (names, even when they equal a literal). The explanation must reproduce the first template's
 * compile exactly, or the shape always compiles in full: never a guess.
 */
import { stripTrailingNewline, type CompiledCode } from './compile-source.js';
import { FastTokenizer } from './fast-lexer.js';
import type { Token } from './nunjucks-internals.js';
import { ReplayUnsupported, type Lexed } from './replay-tokenizer.js';

/** How a text token became a constant: as is, or trimmed by whitespace control (`-%}` / `{%-`). */
const TRANSFORMS = [(s: string) => s, (s: string) => s.trimStart(), (s: string) => s.trimEnd(), (s: string) => s.trim()];

/** Blocks the parser reads as raw text, past the tokens: such templates always compile in full. */
const RAW_BLOCKS = new Set(['raw', 'endraw', 'verbatim', 'endverbatim', 'materialization', 'docs', 'snapshot']);

const MARK = '\u0002';
const MARK_END = '\u0003';
const WS_START = /^\s/;
const WS_END = /\s$/;
const ALL_WS = /^\s*$/;
const RESERVED = /[\u0001-\u0003]/;

/** The full compile, from the template's tokens when given. */
type Full = (source: string, lexed?: Lexed) => CompiledCode;

interface Shape {
  /** The token-level key: a template shares the shape only when its tokens give the same. */
  tokenKey: string;
  code: string;
  /** The probe's constants: those not taken from a token are the compiler's own and stay. */
  consts: unknown[];
  /** Per constant: the [token index, transform] pairs that all give its value, or undefined (the compiler's own). */
  sources: ([number, number][] | undefined)[];
  /** Token index of each position pair. */
  positionTokens: number[];
}

/** The first template of a shape, kept until a second one asks for an explanation (its tokens are not: memory). */
interface Pending {
  source: string;
  compiled: CompiledCode;
}

function tokenize(source: string): Lexed | undefined {
  const lexer = new FastTokenizer(source);
  const tokens: Token[] = [];
  const ends: number[] = [];
  try {
    for (let t = lexer.nextToken(); t; t = lexer.nextToken()) {
      tokens.push(t);
      ends.push(lexer.index);
    }
  } catch {
    return undefined;
  }
  return { tokens, ends };
}

/** String literals whose value shapes the code or the parse (dict keys, test names, `x['a']`, 'a' 'b') are not masked. */
function masked(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.type === 'data') return true;
  if (t.type !== 'string') return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (next && (next.type === 'colon' || next.type === 'string')) return false;
  if (prev && (prev.type === 'left-bracket' || prev.type === 'string' || (prev.type === 'symbol' && (prev.value === 'is' || prev.value === 'not')))) return false;
  return true;
}

const TAG_SPLIT = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})/;
const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

/**
 * A key of the text alone: tags with their quoted strings emptied, text between tags as its class. Templates of one
 * shape get one key (a template with a key seen before is lexed and its token key compared: this one only filters).
 */
function textKey(text: string): string {
  const parts = text.split(TAG_SPLIT);
  let key = '';
  for (let i = 0; i < parts.length; i++) key += `${i % 2 ? parts[i]!.replace(QUOTED, "''") : dataClass(parts[i]!)}\u0001`;
  return key;
}

/** One character per token type in the shape key. */
const TYPE_CHAR: Record<string, string> = {
  'block-start': 'B', 'block-end': 'b', 'variable-start': 'V', 'variable-end': 'v', comment: 'C', string: "'", symbol: 'n',
  int: 'i', float: 'f', boolean: 'o', none: 'N', operator: 'p',
};

/** The shape key: every token's type and value, masked values reduced to what decides the code (blank, edges). */
function shapeKey(tokens: Token[]): string | undefined {
  let key = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!masked(tokens, i)) {
      if (t.type === 'symbol' && RAW_BLOCKS.has(t.value)) return undefined;
      key += `${TYPE_CHAR[t.type] ?? t.type}${t.value}\u0001`;
    } else key += t.type === 'string' ? 'S\u0001' : `${dataClass(t.value as string)}\u0001`;
  }
  return key;
}

function dataClass(v: string): string {
  if (ALL_WS.test(v)) return v ? 'W' : 'E';
  return `T${WS_START.test(v) ? 's' : ''}${WS_END.test(v) ? 'e' : ''}`;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Where a string literal token ends in the source (after its closing quote). */
function stringEnd(source: string, start: number): number {
  const quote = source[start]!;
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i + 1;
  }
  return source.length;
}

/** The template with each masked text or literal (not blank text) replaced by marker `n`. */
function probeSource(source: string, tokens: Token[], mask: boolean[]): string {
  const starts = lineStarts(source);
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    if (!mask[i]) return;
    const start = starts[t.lineno]! + t.colno;
    const marker = `${MARK}${i}${MARK_END}`;
    if (t.type === 'string') {
      out += `${source.slice(at, start)}'${marker}'`;
      at = stringEnd(source, start);
      return;
    }
    const v = t.value as string;
    if (ALL_WS.test(v)) return;
    const lead = /^\s*/.exec(v)![0];
    const trail = /\s*$/.exec(v)![0];
    out += `${source.slice(at, start)}${lead}${marker}${trail}`;
    at = start + v.length;
  });
  return out + source.slice(at);
}

/** Code with every constant and position written in, to compare two compiles by meaning (not by slot numbers). */
function spelled(c: CompiledCode): string {
  return c.code.replace(/K\[(\d+)\]/g, (_, i: string) => JSON.stringify(c.consts[Number(i)])).replace(/L=(\d+)/g, (_, i: string) => `L=${c.positions[2 * Number(i)]}:${c.positions[2 * Number(i) + 1]}`);
}

function explain(pending: Pending, full: Full): Shape | undefined {
  const text = stripTrailingNewline(pending.source);
  const tokens = tokenize(text)?.tokens;
  const tokenKey = tokens && shapeKey(tokens);
  if (!tokens || tokenKey === undefined) return undefined;
  const first = { ...pending, text, tokens, mask: tokens.map((_, i) => masked(tokens, i)) };
  const probeText = probeSource(first.text, first.tokens, first.mask);
  const probeTokens = tokenize(probeText)?.tokens;
  if (!probeTokens || probeTokens.length !== first.tokens.length || probeTokens.some((t, i) => t.type !== first.tokens[i]!.type)) return undefined;
  let probe: CompiledCode;
  try {
    probe = full(probeText + first.source.slice(first.text.length));
  } catch {
    return undefined;
  }
  if (probe.code.includes(MARK)) return undefined;
  const used = new Set<number>();
  const blanks = new Map<string, number[]>();
  first.tokens.forEach((t, i) => {
    if (first.mask[i] && t.type === 'data' && ALL_WS.test(t.value as string)) blanks.set(t.value, [...(blanks.get(t.value) ?? []), i]);
  });
  const sources: Shape['sources'] = [];
  for (const c of probe.consts) {
    if (typeof c !== 'string') {
      sources.push(undefined);
      continue;
    }
    const m = c.indexOf(MARK);
    if (m === -1) {
      // Blank text passes through as it is (whitespace control may drop it); anything else is the compiler's own.
      sources.push(blanks.get(c)?.map((i) => [i, 0]));
      continue;
    }
    const i = Number(c.slice(m + 1, c.indexOf(MARK_END, m)));
    const ti = TRANSFORMS.findIndex((f, k) => (k === 0 || first.tokens[i]!.type === 'data') && f(probeTokens[i]!.value as string) === c);
    if (ti === -1) return undefined;
    used.add(i);
    sources.push([[i, ti]]);
  }
  // A marked token that is no constant went somewhere else (a name, the code): it cannot be swapped.
  for (let i = 0; i < first.tokens.length; i++) {
    if (first.mask[i] && !used.has(i) && !ALL_WS.test(first.tokens[i]!.value as string)) return undefined;
  }
  const at = new Map<number, number>();
  probeTokens.forEach((t, i) => {
    const k = (t.lineno + 1) * 1_000_000 + t.colno + 1;
    if (!at.has(k)) at.set(k, i);
  });
  const positionTokens: number[] = [];
  for (let p = 0; p < probe.positions.length; p += 2) {
    const i = at.get(probe.positions[p]! * 1_000_000 + probe.positions[p + 1]!);
    if (i === undefined) return undefined;
    positionTokens.push(i);
  }
  const shape: Shape = { tokenKey, code: probe.code, consts: probe.consts, sources, positionTokens };
  // The explanation must give back the first template's own compile.
  const again = instantiate(shape, first.tokens);
  return again && spelled(again) === spelled(first.compiled) ? shape : undefined;
}

/** This template's tables under `shape`, or undefined when its tokens do not fit (then it compiles in full). */
function instantiate(shape: Shape, tokens: Token[]): CompiledCode | undefined {
  const consts = shape.consts.slice();
  for (let c = 0; c < consts.length; c++) {
    const list = shape.sources[c];
    if (!list) continue;
    const [i0, t0] = list[0]!;
    const v = TRANSFORMS[t0]!(tokens[i0]!.value as string);
    for (let k = 1; k < list.length; k++) {
      const [i, t] = list[k]!;
      if (TRANSFORMS[t]!(tokens[i]!.value as string) !== v) return undefined;
    }
    consts[c] = v;
  }
  const positions: number[] = new Array(shape.positionTokens.length * 2);
  shape.positionTokens.forEach((i, p) => {
    positions[2 * p] = tokens[i]!.lineno + 1;
    positions[2 * p + 1] = tokens[i]!.colno + 1;
  });
  return { code: shape.code, consts, positions };
}

export class TemplateShapes {
  /** A shape's first template (Pending), its explanation (Shape), or null: its templates compile in full. */
  private readonly shapes = new Map<string, Shape | Pending | null>();
  /** Templates compiled from a shape (tests read it). */
  hits = 0;

  compile(source: string, full: Full): CompiledCode {
    const text = stripTrailingNewline(source);
    // The probe's markers and the keys' separator must not occur in the template itself.
    if (RESERVED.test(text)) return full(source);
    // Looked up by a cheap key of the text; the tokens are lexed and compared only for a shape seen before.
    const key = textKey(text);
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      const compiled = full(source);
      this.shapes.set(key, { source, compiled });
      return compiled;
    }
    if (shape && 'source' in shape) {
      shape = explain(shape, full) ?? null;
      this.shapes.set(key, shape);
    }
    if (!shape) return full(source);
    const lexed = tokenize(text);
    if (!lexed) return full(source);
    const c = shapeKey(lexed.tokens) === shape.tokenKey ? instantiate(shape, lexed.tokens) : undefined;
    if (!c) return fromTokens(source, lexed, full);
    this.hits++;
    return c;
  }
}

/** The full compile, parsing the tokens already lexed (lexing again if the parser wants the raw text). */
function fromTokens(source: string, lexed: Lexed, full: Full): CompiledCode {
  try {
    return full(source, lexed);
  } catch (e) {
    if (e instanceof ReplayUnsupported) return full(source);
    throw e;
  }
}
