/**
 * Compiles a template by reusing the parse of an earlier one of the same shape. Generated code keeps text and
 * positions in side tables (K, P: see ExprCompiler), so two templates that differ only in their text outside tags
 * and in their string literals compile to the same code with other tables. A project's generated or templated
 * models often share a few shapes, and lexing costs a fraction of parse + codegen.
 *
 * Each template is lexed into flat arrays (FlatTokens) and looked up by a hash of its tokens (shape-key.ts); a
 * template of a known shape is then compared token by token and gets its tables without a Token object made.
 *
 * When a second template of a shape comes, a probe is compiled: the first template with every masked token (text,
 * string literal) replaced by a distinct marker, so each constant shows which token it came from and which constants
 * are the compiler's own (names, even when they equal a literal). The explanation must reproduce the first template's
 * compile exactly, or the shape always compiles in full: never a guess.
 */
import { stripTrailingNewline, type CompiledCode } from './compile-source.js';
import { FastTokenizer } from './fast-lexer.js';
import { FlatTokens, tokenView, type TokenView } from './flat-tokens.js';
import type { Token } from './nunjucks-internals.js';
import { ReplayUnsupported, type Lexed } from './replay-tokenizer.js';
import { fits, shapeKey, shapeTokens, type ShapeTokens } from './shape-key.js';
import { TYPE_CODES } from './token-types.js';

/** How a text token became a constant: as is, or trimmed by whitespace control (`-%}` / `{%-`). */
const TRANSFORMS = [(s: string) => s, (s: string) => s.trimStart(), (s: string) => s.trimEnd(), (s: string) => s.trim()];

const MARK = '\u0002';
const MARK_END = '\u0003';
const ALL_WS = /^\s*$/;
const RESERVED = /[\u0001-\u0003]/;

/** The full compile, from the template's tokens when given. */
type Full = (source: string, lexed?: Lexed) => CompiledCode;

interface Shape {
  tokens: ShapeTokens;
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
  if (!tokens) return undefined;
  const view = tokenView(tokens, TYPE_CODES);
  const kept = shapeTokens(view);
  if (!kept) return undefined;
  const first = { ...pending, text, tokens, mask: Array.from(kept.mask, (m) => m === 1) };
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
  const shape: Shape = { tokens: kept, code: probe.code, consts: probe.consts, sources, positionTokens };
  // The explanation must give back the first template's own compile.
  const again = instantiate(shape, view);
  return again && spelled(again) === spelled(first.compiled) ? shape : undefined;
}

/** This template's tables under `shape`, or undefined when its tokens do not fit (then it compiles in full). */
function instantiate(shape: Shape, tokens: TokenView): CompiledCode | undefined {
  const consts = shape.consts.slice();
  for (let c = 0; c < consts.length; c++) {
    const list = shape.sources[c];
    if (!list) continue;
    const first = list[0]!;
    const v = TRANSFORMS[first[1]]!(tokens.value(first[0]));
    for (let k = 1; k < list.length; k++) {
      const other = list[k]!;
      if (TRANSFORMS[other[1]]!(tokens.value(other[0])) !== v) return undefined;
    }
    consts[c] = v;
  }
  const pt = shape.positionTokens;
  const positions: number[] = new Array(pt.length * 2);
  for (let p = 0; p < pt.length; p++) {
    positions[2 * p] = tokens.line(pt[p]!) + 1;
    positions[2 * p + 1] = tokens.col(pt[p]!) + 1;
  }
  return { code: shape.code, consts, positions };
}

export class TemplateShapes {
  /** A shape's first template (Pending), its explanation (Shape), or null: its templates compile in full. */
  private readonly shapes = new Map<string, Shape | Pending | null>();
  /** Templates compiled from a shape (tests read it). */
  hits = 0;

  /** The template being looked up, lexed into arrays reused from one template to the next. */
  private readonly flat = new FlatTokens();

  compile(source: string, full: Full): CompiledCode {
    const text = stripTrailingNewline(source);
    // The probe's markers must not occur in the template itself.
    if (RESERVED.test(text)) return full(source);
    const flat = this.flat;
    const key = flat.lex(text) ? shapeKey(flat) : undefined;
    if (key === undefined) return full(source);
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      // The parser reads the tokens already lexed rather than lexing the text again.
      const compiled = fromTokens(source, flat.toLexed(), full);
      this.shapes.set(key, { source, compiled });
      return compiled;
    }
    if (shape && 'source' in shape) {
      shape = explain(shape, full) ?? null;
      this.shapes.set(key, shape);
    }
    if (!shape) return fromTokens(source, flat.toLexed(), full);
    const c = fits(shape.tokens, flat) ? instantiate(shape, flat) : undefined;
    if (!c) return fromTokens(source, flat.toLexed(), full);
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
