/** Token types as small numbers, so a template can be lexed into flat arrays (see FlatTokens) without a Token object each. */
export const TT = {
  END: 0, DATA: 1, COMMENT: 2, BLOCK_START: 3, VARIABLE_START: 4, BLOCK_END: 5, VARIABLE_END: 6, STRING: 7, INT: 8,
  FLOAT: 9, BOOLEAN: 10, NONE: 11, SYMBOL: 12, OPERATOR: 13, LEFT_PAREN: 14, RIGHT_PAREN: 15, LEFT_BRACKET: 16,
  RIGHT_BRACKET: 17, LEFT_CURLY: 18, RIGHT_CURLY: 19, COMMA: 20, COLON: 21, TILDE: 22, PIPE: 23,
} as const;

/** nunjucks's name for each type code. */
export const TYPE_NAMES: readonly string[] = [
  '', 'data', 'comment', 'block-start', 'variable-start', 'block-end', 'variable-end', 'string', 'int', 'float', 'boolean',
  'none', 'symbol', 'operator', 'left-paren', 'right-paren', 'left-bracket', 'right-bracket', 'left-curly', 'right-curly',
  'comma', 'colon', 'tilde', 'pipe',
];

export const TYPE_CODES: ReadonlyMap<string, number> = new Map(TYPE_NAMES.map((n, i) => [n, i]));

/** One-character delimiters: their token type (0: not a delimiter). */
export const DELIM_TYPE = new Uint8Array(128);
for (const c of '%*-+~/#.<>=!') DELIM_TYPE[c.charCodeAt(0)] = TT.OPERATOR;
const PUNCT: [string, number][] = [
  ['(', TT.LEFT_PAREN], [')', TT.RIGHT_PAREN], ['[', TT.LEFT_BRACKET], [']', TT.RIGHT_BRACKET], ['{', TT.LEFT_CURLY],
  ['}', TT.RIGHT_CURLY], [',', TT.COMMA], [':', TT.COLON], ['~', TT.TILDE], ['|', TT.PIPE],
];
for (const [c, t] of PUNCT) DELIM_TYPE[c.charCodeAt(0)] = t;
