/**
 * A drop-in for nunjucks's Tokenizer (same tokens, same positions) that scans with indexOf/regexes instead of one
 * character at a time: lexing was most of the template compile time. Differences, all toward Jinja: no `r/regex/`
 * literals, and a stray `#}` in text is text.
 *
 * `scan()` reads one token into fields (type code, source span, position) without allocating, so the template-shape
 * lookup can lex 10,000 templates into flat arrays; `nextToken()` wraps it into the Token the parser reads. Every
 * token's value is its source span, except a string literal's (its unescaped content).
 */
import type { Token } from './nunjucks-internals.js';
import { DELIM_TYPE, TT, TYPE_NAMES } from './token-types.js';

export const TAGS = { BLOCK_START: '{%', BLOCK_END: '%}', VARIABLE_START: '{{', VARIABLE_END: '}}', COMMENT_START: '{#', COMMENT_END: '#}' };
const WORD = /[^\s()[\]{}%*\-+~/#,:|.<>=!'"]+/y;
const DIGITS = /[0-9]*/y;
const EXPONENT_AT = /^[eE][+-]?[0-9]+/;
const EXPONENT_Y = /[eE][+-]?[0-9]+/y;
const INT_E_INT = /[0-9]+[eE][0-9]+/y;
const INT_E = /[0-9]+[eE]/y;
const SIGN_DIGIT = /[+-][0-9]/y;
const TAG_START = /\{[{%#]/g;

/** Whether `re` (sticky) matches exactly s[from, to). */
function spans(re: RegExp, s: string, from: number, to: number): boolean {
  re.lastIndex = from;
  return re.test(s) && re.lastIndex === to;
}

function isWord(s: string, at: number, len: number, word: string): boolean {
  return len === word.length && s.startsWith(word, at);
}

/** A string literal's content s[from, to) with its backslash escapes read. */
export function unescapeString(s: string, from: number, to: number): string {
  let out = '';
  let i = from;
  for (;;) {
    const b = s.indexOf('\\', i);
    if (b === -1 || b >= to) return i >= to ? out : out + s.slice(i, to);
    out += s.slice(i, b);
    const c = b + 1 < to ? s[b + 1]! : '';
    out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
    i = b + 2;
  }
}

export class FastTokenizer {
  index = 0;
  lineno = 0;
  colno = 0;
  in_code = false;
  /** The token `scan()` read last: its source span, position, and for a string the end of its content. */
  tStart = 0;
  tEnd = 0;
  tLine = 0;
  tCol = 0;
  sEnd = 0;
  /** Whether the last string literal has a backslash (its value is not its span). */
  sEscaped = false;
  /** Open brackets in the current tag: `}}` inside `{{ {'a': {'b': 1}} }}` closes a dict, as in Jinja. */
  private depth = 0;
  readonly len: number;
  readonly tags = TAGS;

  constructor(readonly str: string) {
    this.len = str.length;
  }

  /** Index of the next newline at or after `index` (-1: none), so moving along a line does not rescan it. */
  private nl = -2;

  /** Moves to `to`, keeping line and column in step. */
  private moveTo(to: number): void {
    const s = this.str;
    if (this.nl !== -1 && this.nl < this.index) this.nl = s.indexOf('\n', this.index);
    if (this.nl === -1 || this.nl >= to) {
      this.colno += to - this.index;
    } else {
      while (this.nl !== -1 && this.nl < to) {
        this.lineno++;
        this.colno = to - this.nl - 1;
        this.nl = s.indexOf('\n', this.nl + 1);
      }
    }
    this.index = to;
  }

  nextToken(): Token | null {
    const type = this.scan();
    if (type === TT.END) return null;
    return { type: TYPE_NAMES[type]!, value: this.value(type), lineno: this.tLine, colno: this.tCol };
  }

  /** The value of the token just scanned. */
  value(type: number): string {
    if (type !== TT.STRING) return this.str.slice(this.tStart, this.tEnd);
    return this.sEscaped ? unescapeString(this.str, this.tStart + 1, this.sEnd) : this.str.slice(this.tStart + 1, this.sEnd);
  }

  /** Reads the next token into the t* fields; returns its type code (TT.END at the end). */
  scan(): number {
    const type = this.in_code ? this.codeToken() : this.textToken();
    this.tEnd = this.index;
    return type;
  }

  private begin(): void {
    this.tStart = this.index;
    this.tLine = this.lineno;
    this.tCol = this.colno;
  }

  private textToken(): number {
    const i = this.index;
    if (i >= this.len) return TT.END;
    this.begin();
    const s = this.str;
    const open = s.charCodeAt(i) === 123; /* { */
    if (open) {
      const c = s.charCodeAt(i + 1);
      if (c === 37 /* % */ || c === 123 /* { */) {
        this.moveTo(i + (s.charCodeAt(i + 2) === 45 /* - */ ? 3 : 2));
        this.in_code = true;
        this.depth = 0;
        return c === 37 ? TT.BLOCK_START : TT.VARIABLE_START;
      }
      if (c === 35 /* # */) {
        const end = s.indexOf('#}', i + 2);
        if (end === -1) throw new Error('expected end of comment, got end of file');
        this.moveTo(end + 2);
        return TT.COMMENT;
      }
    }
    TAG_START.lastIndex = i + (open ? 1 : 0);
    this.moveTo(TAG_START.test(s) ? TAG_START.lastIndex - 2 : this.len);
    return TT.DATA;
  }

  private codeToken(): number {
    const s = this.str;
    let i = this.index;
    for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 9 || c === 13 || c === 160; c = s.charCodeAt(++i));
    if (i > this.index) this.moveTo(i);
    if (i >= this.len) return TT.END;
    this.begin();
    const cur = s.charCodeAt(i);
    if (cur === 34 || cur === 39) return this.readString(cur);
    if (this.depth <= 0) {
      const end = this.tagEnd(cur, s, i);
      if (end) {
        this.moveTo(i + end);
        this.in_code = false;
        return s.charCodeAt(i + end - 2) === 37 ? TT.BLOCK_END : TT.VARIABLE_END;
      }
    }
    const delim = cur < 128 ? DELIM_TYPE[cur]! : 0;
    if (delim) {
      const n = this.operatorLength(cur, s.charCodeAt(i + 1), s.charCodeAt(i + 2));
      this.moveTo(i + n);
      if (n > 1) return TT.OPERATOR;
      if (cur === 40 || cur === 91 || cur === 123) this.depth++;
      else if (cur === 41 || cur === 93 || cur === 125) this.depth--;
      return delim;
    }
    return this.word();
  }

  /** `==`, `!=`, `<=`, `>=`, `//`, `**`, `===`, `!==`: the operator's length at the cursor (1 for the others). */
  private operatorLength(c0: number, c1: number, c2: number): number {
    const two = (c1 === 61 && (c0 === 61 || c0 === 33 || c0 === 60 || c0 === 62)) || (c1 === 47 && c0 === 47) || (c1 === 42 && c0 === 42);
    if (!two) return 1;
    return c1 === 61 && c2 === 61 && (c0 === 61 || c0 === 33) ? 3 : 2;
  }

  /** The length of `%}`, `-%}`, `}}` or `-}}` at the cursor, 0 if none is there. */
  private tagEnd(cur: number, s: string, i: number): number {
    const dash = cur === 45;
    const at = dash ? i + 1 : i;
    const a = s.charCodeAt(at);
    if ((a === 37 || a === 125) && s.charCodeAt(at + 1) === 125) return dash ? 3 : 2;
    return 0;
  }

  private word(): number {
    const s = this.str;
    const start = this.index;
    WORD.lastIndex = start;
    // A character that is neither space, delimiter nor word (a form feed): nunjucks's own lexer fails there too.
    if (!WORD.test(s)) throw new TypeError("Cannot read properties of null (reading '0')");
    const end = WORD.lastIndex;
    this.moveTo(end);
    let digits = true;
    for (let k = start; k < end && digits; k++) digits = s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
    if (digits) {
      if (s.charCodeAt(end) !== 46 /* . */ && !spansFrom(EXPONENT_Y, s, end)) return TT.INT;
      if (s.charCodeAt(this.index) === 46) {
        DIGITS.lastIndex = this.index + 1;
        DIGITS.test(s);
        this.moveTo(DIGITS.lastIndex);
      }
      this.exponent();
      return TT.FLOAT;
    }
    // `1e3` / `2E+2`: Jinja reads a float.
    if (spans(INT_E_INT, s, start, end)) return TT.FLOAT;
    if (spans(INT_E, s, start, end) && spansFrom(SIGN_DIGIT, s, end)) {
      this.moveTo(end - 1);
      this.exponent();
      return TT.FLOAT;
    }
    const n = end - start;
    if (isWord(s, start, n, 'true') || isWord(s, start, n, 'false')) return TT.BOOLEAN;
    if (isWord(s, start, n, 'none') || isWord(s, start, n, 'null')) return TT.NONE;
    return TT.SYMBOL;
  }

  /** Consumes an exponent (`e-3`) right after a number's digits, if there. */
  private exponent(): void {
    const m = EXPONENT_AT.exec(this.str.slice(this.index, this.index + 8));
    if (m) this.moveTo(this.index + m[0].length);
  }

  /** A string literal: up to the first quote not escaped by a backslash (or the end). */
  private readString(quote: number): number {
    const s = this.str;
    const q = quote === 34 ? '"' : "'";
    let i = this.index + 1;
    let b = s.indexOf('\\', i);
    this.sEscaped = false;
    for (;;) {
      const e = s.indexOf(q, i);
      if (b !== -1 && b < i) b = s.indexOf('\\', i);
      if (b !== -1 && (e === -1 || b < e)) {
        this.sEscaped = true;
        i = b + 2;
        continue;
      }
      const end = e === -1 ? this.len : e;
      this.sEnd = end;
      this.moveTo(Math.min(end + 1, this.len));
      return TT.STRING;
    }
  }

  _extractRegex(regex: RegExp): RegExpMatchArray | null {
    const m = this.str.slice(this.index).match(regex);
    if (!m) return null;
    this.moveTo(this.index + m[0].length);
    return m;
  }

  backN(n: number): void {
    this.index -= n;
    this.nl = -2;
    const before = this.str.slice(0, this.index);
    this.lineno = before.split('\n').length - 1;
    this.colno = this.index - before.lastIndexOf('\n') - 1;
  }
}

/** Whether `re` (sticky) matches at `from`. */
function spansFrom(re: RegExp, s: string, from: number): boolean {
  re.lastIndex = from;
  return re.test(s);
}
