/**
 * Tokens lexed once (by the template-shape lookup) handed to the parser, so a template whose shape is new is not
 * lexed a second time. Raw-text blocks read the source past the tokens: they are never replayed (ReplayUnsupported).
 */
import { TAGS } from './fast-lexer.js';
import type { Token } from './nunjucks-internals.js';

/** A template lexed up front: its tokens and the lexer's offset after each. */
export interface Lexed {
  tokens: Token[];
  ends: number[];
}

export class ReplayUnsupported extends Error {}

export class ReplayTokenizer {
  index = 0;
  readonly tags = TAGS;
  private next = 0;

  constructor(
    readonly str: string,
    private readonly lexed: Lexed,
  ) {}

  nextToken(): Token | null {
    const t = this.lexed.tokens[this.next];
    if (!t) return null;
    this.index = this.lexed.ends[this.next++]!;
    return t;
  }

  _extractRegex(): never {
    throw new ReplayUnsupported('raw text block');
  }

  backN(): never {
    throw new ReplayUnsupported('raw text block');
  }
}
