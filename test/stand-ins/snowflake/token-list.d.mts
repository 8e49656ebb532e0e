export interface Tok {
  kind: string;
  text: string;
  /** The whitespace before the token. */
  pre: string;
}

export function toTokList(sql: string): Tok[];
export function renderToks(toks: Tok[]): string;
