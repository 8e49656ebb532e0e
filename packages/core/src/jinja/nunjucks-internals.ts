/** nunjucks's lexer, parser and node classes, which its public typings do not describe. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** An AST node as nunjucks builds it (plus the few node kinds tsdbt's parser adds). */
export interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  children: AstNode[];
  [field: string]: any;
}

export interface Token {
  type: string;
  value: any;
  lineno: number;
  colno: number;
}

export interface Tokenizer {
  index: number;
  str: string;
  _extractRegex(re: RegExp): RegExpMatchArray | null;
}

export interface NunjucksParser {
  tokens: Tokenizer;
  peeked: Token | null;
  breakOnBlocks: string[] | null;
  dropLeadingWhitespace: boolean;
  extensions: unknown[];
  nextToken(withWhitespace?: boolean): Token | null;
  peekToken(): Token;
  pushToken(tok: Token | null): void;
  fail(msg: string, lineno?: number, colno?: number): never;
  skip(type: string): boolean;
  expect(type: string): Token;
  skipValue(type: string, val: string): boolean;
  skipSymbol(val: string): boolean;
  advanceAfterBlockEnd(name?: string): Token;
  parseExpression(): AstNode;
  parseInlineIf(): AstNode;
  parseIs(): AstNode;
  parseCompare(): AstNode;
  parsePrimary(noPostfix?: boolean): AstNode;
  parsePostfix(node: AstNode): AstNode;
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode | null;
  parseUntilBlocks(...names: string[]): AstNode;
  parseStatement(): AstNode | null;
  parseMacro(): AstNode;
  parseFor(): AstNode;
  parseSet(): AstNode;
  parseAggregate(): AstNode | null;
  parseAsRoot(): AstNode;
}

type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => AstNode;

export const lexer = require('nunjucks/src/lexer.js') as {
  lex(src: string, opts?: object): Tokenizer;
  [tokenName: string]: any;
};
export const nodes = require('nunjucks/src/nodes.js') as Record<string, NodeClass>;
export const ParserBase = (require('nunjucks/src/parser.js') as { Parser: new (tokens: Tokenizer) => NunjucksParser })
  .Parser;
export const TemplateError = (require('nunjucks/src/lib.js') as { TemplateError: new (...a: unknown[]) => Error })
  .TemplateError;
