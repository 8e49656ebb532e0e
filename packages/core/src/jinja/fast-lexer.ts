/**
 * A drop-in for nunjucks's Tokenizer (same tokens, same positions) that scans with indexOf/regexes instead of one
 * character at a time: lexing was most of the template compile time. Differences, all toward Jinja: no `r/regex/`
 * literals, and a stray `#}` in text is text.
 */
import type { Token } from './nunjucks-internals.js';

export const TAGS = { BLOCK_START: '{%', BLOCK_END: '%}', VARIABLE_START: '{{', VARIABLE_END: '}}', COMMENT_START: '{#', COMMENT_END: '#}' };
const DELIMS = '()[]{}%*-+~/#,:|.<>=!';
const COMPLEX = new Set(['==', '===', '!=', '!==', '<=', '>=', '//', '**']);
const PUNCT: Record<string, string> = {
  '(': 'left-paren', ')': 'right-paren', '[': 'left-bracket', ']': 'right-bracket', '{': 'left-curly', '}': 'right-curly',
  ',': 'comma', ':': 'colon', '~': 'tilde', '|': 'pipe',
};
const WORD = /[^\s()[\]{}%*\-+~/#,:|.<>=!'"]+/y;
const DIGITS = /[0-9]*/y;
const EXPONENT_AT = /^[eE][+-]?[0-9]+/;
const TAG_START = /\{[{%#]/g;

function tok(type: string, value: unknown, lineno: number, colno: number): Token {
  return { type, value, lineno, colno };
}

export class FastTokenizer {
  index = 0;
  lineno = 0;
  colno = 0;
  in_code = false;
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
    return this.in_code ? this.codeToken() : this.textToken();
  }

  private textToken(): Token | null {
    if (this.index >= this.len) return null;
    const { lineno, colno } = this;
    const s = this.str;
    if (s.charCodeAt(this.index) === 123 /* { */) {
      const c = s[this.index + 1];
      if (c === '%' || c === '{') {
        const value = s[this.index + 2] === '-' ? `{${c}-` : `{${c}`;
        this.moveTo(this.index + value.length);
        this.in_code = true;
        this.depth = 0;
        return tok(c === '%' ? 'block-start' : 'variable-start', value, lineno, colno);
      }
      if (c === '#') {
        const end = s.indexOf('#}', this.index + 2);
        if (end === -1) throw new Error('expected end of comment, got end of file');
        const value = s.slice(this.index, end + 2);
        this.moveTo(end + 2);
        return tok('comment', value, lineno, colno);
      }
    }
    TAG_START.lastIndex = this.index + (s.charCodeAt(this.index) === 123 ? 1 : 0);
    const m = TAG_START.exec(s);
    const end = m ? m.index : this.len;
    const value = s.slice(this.index, end);
    this.moveTo(end);
    return tok('data', value, lineno, colno);
  }

  private codeToken(): Token | null {
    let i = this.index;
    for (let c = this.str.charCodeAt(i); c === 32 || c === 10 || c === 9 || c === 13 || c === 160; c = this.str.charCodeAt(++i));
    if (i > this.index) this.moveTo(i);
    if (this.index >= this.len) return null;
    const { lineno, colno } = this;
    const s = this.str;
    const cur = s[this.index]!;
    if (cur === '"' || cur === "'") return tok('string', this.readString(cur), lineno, colno);
    if (this.depth <= 0) {
      const end = this.tagEnd(cur, s);
      if (end) {
        this.moveTo(this.index + end.length);
        this.in_code = false;
        return tok(end[end.length - 2] === '%' ? 'block-end' : 'variable-end', end, lineno, colno);
      }
    }
    if (DELIMS.includes(cur)) {
      let op = cur;
      const next = s[this.index + 1];
      if (next === '=' || next === '/' || next === '*') {
        const two = cur + next;
        if (COMPLEX.has(two)) op = s[this.index + 2] === '=' && COMPLEX.has(two + '=') ? two + '=' : two;
      }
      this.moveTo(this.index + op.length);
      if (op === '(' || op === '[' || op === '{') this.depth++;
      else if (op === ')' || op === ']' || op === '}') this.depth--;
      return tok(PUNCT[op] ?? 'operator', op, lineno, colno);
    }
    return this.word(lineno, colno);
  }

  /** `%}`, `-%}`, `}}` or `-}}` at the cursor, if there. */
  private tagEnd(cur: string, s: string): string | undefined {
    const i = this.index;
    const at = cur === '-' ? i + 1 : i;
    const a = s[at];
    if ((a === '%' || a === '}') && s[at + 1] === '}') return cur === '-' ? `-${a}}` : `${a}}`;
    return undefined;
  }

  private word(lineno: number, colno: number): Token {
    WORD.lastIndex = this.index;
    const w = WORD.exec(this.str)![0];
    this.moveTo(this.index + w.length);
    if (/^[0-9]+$/.test(w)) {
      if (this.str[this.index] !== '.' && !EXPONENT_AT.test(this.str.slice(this.index, this.index + 8))) return tok('int', w, lineno, colno);
      let text = w;
      if (this.str[this.index] === '.') {
        DIGITS.lastIndex = this.index + 1;
        const dec = DIGITS.exec(this.str)![0];
        text += `.${dec}`;
        this.moveTo(this.index + 1 + dec.length);
      }
      return tok('float', text + this.exponent(), lineno, colno);
    }
    // `1e3` / `2E+2`: Jinja reads a float.
    if (/^[0-9]+[eE][0-9]+$/.test(w)) return tok('float', w, lineno, colno);
    if (/^[0-9]+[eE]$/.test(w) && /^[+-][0-9]/.test(this.str.slice(this.index, this.index + 2))) {
      this.moveTo(this.index - 1);
      return tok('float', w.slice(0, -1) + this.exponent(), lineno, colno);
    }
    if (w === 'true' || w === 'false') return tok('boolean', w, lineno, colno);
    if (w === 'none' || w === 'null') return tok('none', w, lineno, colno);
    return tok('symbol', w, lineno, colno);
  }

  /** An exponent (`e-3`) right after a number's digits, consumed; '' when there is none. */
  private exponent(): string {
    const m = EXPONENT_AT.exec(this.str.slice(this.index, this.index + 8));
    if (!m) return '';
    this.moveTo(this.index + m[0].length);
    return m[0];
  }

  private readString(quote: string): string {
    const s = this.str;
    let i = this.index + 1;
    let out = '';
    for (;;) {
      const q = s.indexOf(quote, i);
      const b = s.indexOf('\\', i);
      if (b !== -1 && (q === -1 || b < q)) {
        out += s.slice(i, b);
        const c = s[b + 1] ?? '';
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
        i = b + 2;
        continue;
      }
      const end = q === -1 ? this.len : q;
      out += s.slice(i, end);
      this.moveTo(Math.min(end + 1, this.len));
      return out;
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
