/**
 * A template lexed into flat, reused typed arrays (type code, span, position per token): the shape lookup lexes every
 * template, and a Token object per token was most of what the compile allocated.
 */
import { FastTokenizer, unescapeString } from './fast-lexer.js';
import type { Token } from './nunjucks-internals.js';
import type { Lexed } from './replay-tokenizer.js';
import { TT, TYPE_NAMES } from './token-types.js';

/** What a shape reads of a template's tokens (flat or Token objects). */
export interface TokenView {
  readonly count: number;
  type(i: number): number;
  value(i: number): string;
  line(i: number): number;
  col(i: number): number;
  valueIs(i: number, v: string): boolean;
  /** A text token's class: DATA_EMPTY, DATA_BLANK, or DATA_TEXT plus 1 if it starts and 2 if it ends with space. */
  dataClass(i: number): number;
}

export const DATA_EMPTY = 1;
export const DATA_BLANK = 2;
export const DATA_TEXT = 3;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function dataClassOf(s: string, from: number, to: number): number {
  if (from === to) return DATA_EMPTY;
  let k = from;
  while (k < to && isSpace(s.charCodeAt(k))) k++;
  if (k === to) return DATA_BLANK;
  return DATA_TEXT + (k > from ? 1 : 0) + (isSpace(s.charCodeAt(to - 1)) ? 2 : 0);
}

export class FlatTokens implements TokenView {
  count = 0;
  source = '';
  types = new Uint8Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  lines = new Int32Array(256);
  cols = new Int32Array(256);
  /** Per string literal: where its content ends, negated when it has escapes. */
  strEnds = new Int32Array(256);
  /** Per token, for the shape lookup: 1 when its value is masked (kept in a side table, not in the shape). */
  mask = new Uint8Array(256);

  /** Lexes `source` into the arrays; false when the lexer fails (an unclosed comment). */
  lex(source: string): boolean {
    this.source = source;
    this.count = 0;
    const lexer = new FastTokenizer(source);
    try {
      for (let type = lexer.scan(); type !== TT.END; type = lexer.scan()) {
        const i = this.count++;
        if (i === this.types.length) this.grow();
        this.types[i] = type;
        this.starts[i] = lexer.tStart;
        this.ends[i] = lexer.tEnd;
        this.lines[i] = lexer.tLine;
        this.cols[i] = lexer.tCol;
        if (type === TT.STRING) this.strEnds[i] = lexer.sEscaped ? -lexer.sEnd - 1 : lexer.sEnd;
      }
    } catch {
      this.count = 0;
      return false;
    }
    return true;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const more = <T extends Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.types = more(this.types);
    this.starts = more(this.starts);
    this.ends = more(this.ends);
    this.lines = more(this.lines);
    this.cols = more(this.cols);
    this.strEnds = more(this.strEnds);
    this.mask = more(this.mask);
  }

  type(i: number): number {
    return this.types[i]!;
  }

  line(i: number): number {
    return this.lines[i]!;
  }

  col(i: number): number {
    return this.cols[i]!;
  }

  value(i: number): string {
    if (this.types[i] !== TT.STRING) return this.source.slice(this.starts[i], this.ends[i]);
    const end = this.strEnds[i]!;
    return end < 0 ? unescapeString(this.source, this.starts[i]! + 1, -end - 1) : this.source.slice(this.starts[i]! + 1, end);
  }

  /** Whether token i's value is `v`, without cutting it out of the source. */
  valueIs(i: number, v: string): boolean {
    let from = this.starts[i]!;
    let to = this.ends[i]!;
    if (this.types[i] === TT.STRING) {
      const end = this.strEnds[i]!;
      if (end < 0) return this.value(i) === v;
      from++;
      to = end;
    }
    return to - from === v.length && this.source.startsWith(v, from);
  }

  dataClass(i: number): number {
    return dataClassOf(this.source, this.starts[i]!, this.ends[i]!);
  }

  /** Token objects for the parser (when a template of a known shape must still be compiled in full). */
  toLexed(): Lexed {
    const tokens: Token[] = new Array(this.count);
    const ends: number[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      tokens[i] = { type: TYPE_NAMES[this.types[i]!]!, value: this.value(i), lineno: this.lines[i]!, colno: this.cols[i]! };
      ends[i] = this.ends[i]!;
    }
    return { tokens, ends };
  }
}

/** Token objects seen through the same view. */
export function tokenView(tokens: Token[], codes: ReadonlyMap<string, number>): TokenView {
  return {
    count: tokens.length,
    type: (i) => codes.get(tokens[i]!.type) ?? -1,
    value: (i) => tokens[i]!.value as string,
    line: (i) => tokens[i]!.lineno,
    col: (i) => tokens[i]!.colno,
    valueIs: (i, v) => tokens[i]!.value === v,
    dataClass: (i) => {
      const v = tokens[i]!.value as string;
      return dataClassOf(v, 0, v.length);
    },
  };
}
