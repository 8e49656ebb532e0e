/**
 * Jinja's expression grammar and precedence (jinja2/parser.py), replacing nunjucks's chain of seventeen nested
 * levels: `or` < `and` < `not` < comparisons and `in` < `+ -` < `~` < `* / // %` < `**` < unary, with filters and
 * `is` tests binding tightest (`x is defined and y`, `a * b // c` = `(a * b) // c`, `a if b else c if d else e`).
 * Fewer levels is also faster: parsing was most of a template's compile time.
 */
import { lexer as T, nodes, type AstNode, type NunjucksParser, type Token } from './nunjucks-internals.js';

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=', '===', '!==']);
const MATH1: Record<string, string> = { '+': 'Add', '-': 'Sub' };
const MATH2: Record<string, string> = { '*': 'Mul', '/': 'Div', '//': 'FloorDiv', '%': 'Mod' };
const NOT_ARGUMENTS = new Set(['and', 'or', 'else', 'if', 'not', 'in', 'is']);

function make(kind: string, at: { lineno: number; colno: number }, ...fields: unknown[]): AstNode {
  return new nodes[kind]!(at.lineno, at.colno, ...fields);
}

function startsArgument(tok: Token | null): boolean {
  if (!tok) return false;
  if (tok.type === 'symbol') return !NOT_ARGUMENTS.has(tok.value);
  return ['int', 'float', 'string', 'boolean', 'none', T.TOKEN_LEFT_BRACKET, T.TOKEN_LEFT_CURLY].includes(tok.type);
}

type Parser = NunjucksParser & {
  parseFilterName(): AstNode;
  parseFilterArgs(node: AstNode): AstNode[];
};

function operator(p: Parser, table: Record<string, string>): [Token, string] | undefined {
  const tok = p.peekToken();
  if (tok && tok.type === T.TOKEN_OPERATOR && Object.hasOwn(table, tok.value)) {
    p.nextToken();
    return [tok, table[tok.value]!];
  }
  return undefined;
}

export function parseInlineIf(p: Parser): AstNode {
  const body = parseOr(p);
  if (!p.skipSymbol('if')) return body;
  const node = make('InlineIf', body);
  node.body = body;
  node.cond = parseOr(p);
  node.else_ = p.skipSymbol('else') ? parseInlineIf(p) : null;
  return node;
}

function parseOr(p: Parser): AstNode {
  let node = parseAnd(p);
  while (p.skipSymbol('or')) node = make('Or', node, node, parseAnd(p));
  return node;
}

function parseAnd(p: Parser): AstNode {
  let node = parseNot(p);
  while (p.skipSymbol('and')) node = make('And', node, node, parseNot(p));
  return node;
}

function parseNot(p: Parser): AstNode {
  const tok = p.peekToken();
  if (p.skipSymbol('not')) return make('Not', tok, parseNot(p));
  return parseCompare(p);
}

function parseCompare(p: Parser): AstNode {
  let left = parseMath1(p);
  let ops: AstNode[] = [];
  const flush = () => {
    if (ops.length) left = make('Compare', ops[0]!, left, ops);
    ops = [];
  };
  for (;;) {
    const tok = p.peekToken();
    if (!tok) break;
    if (tok.type === T.TOKEN_OPERATOR && COMPARE.has(tok.value)) {
      p.nextToken();
      ops.push(make('CompareOperand', tok, parseMath1(p), tok.value));
    } else if (tok.type === 'symbol' && tok.value === 'in') {
      p.nextToken();
      flush();
      left = make('In', left, left, parseMath1(p));
    } else if (tok.type === 'symbol' && tok.value === 'not') {
      p.nextToken();
      if (!p.skipSymbol('in')) p.fail('expected "in" after "not"', tok.lineno, tok.colno);
      flush();
      left = make('Not', left, make('In', left, left, parseMath1(p)));
    } else {
      break;
    }
  }
  flush();
  return left;
}

function parseMath1(p: Parser): AstNode {
  let node = parseConcat(p);
  for (let op = operator(p, MATH1); op; op = operator(p, MATH1)) node = make(op[1], node, node, parseConcat(p));
  return node;
}

function parseConcat(p: Parser): AstNode {
  let node = parseMath2(p);
  while (p.skip(T.TOKEN_TILDE)) node = make('Concat', node, node, parseMath2(p));
  return node;
}

function parseMath2(p: Parser): AstNode {
  let node = parsePow(p);
  for (let op = operator(p, MATH2); op; op = operator(p, MATH2)) node = make(op[1], node, node, parsePow(p));
  return node;
}

function parsePow(p: Parser): AstNode {
  let node = parseUnary(p, true);
  while (p.skipValue(T.TOKEN_OPERATOR, '**')) node = make('Pow', node, node, parseUnary(p, true));
  return node;
}

function parseUnary(p: Parser, withFilters: boolean): AstNode {
  const tok = p.peekToken();
  let node: AstNode;
  if (p.skipValue(T.TOKEN_OPERATOR, '-')) node = make('Neg', tok, parseUnary(p, false));
  else if (p.skipValue(T.TOKEN_OPERATOR, '+')) node = make('Pos', tok, parseUnary(p, false));
  else node = p.parsePrimary();
  return withFilters ? parseFiltersAndTests(p, node) : node;
}

function parseFiltersAndTests(p: Parser, start: AstNode): AstNode {
  let node = start;
  for (;;) {
    if (p.skip(T.TOKEN_PIPE)) {
      const name = p.parseFilterName();
      node = make('Filter', name, name, make('NodeList', name, [node, ...p.parseFilterArgs(name)]));
    } else if (p.skipSymbol('is')) {
      node = parseTest(p, node);
    } else {
      return node;
    }
  }
}

/** `x is test`, `x is test(arg)`, and Jinja's `x is test arg` (`is divisibleby 3`, `is sameas false`). */
function parseTest(p: Parser, left: AstNode): AstNode {
  const not = p.skipSymbol('not');
  const tok = p.nextToken();
  if (!tok || !['symbol', 'none', 'boolean'].includes(tok.type)) p.fail('expected a test name after "is"', tok?.lineno, tok?.colno);
  const name = make('Symbol', tok, tok.type === 'none' ? 'none' : String(tok.value));
  const next = p.peekToken();
  let right = name;
  if (next && next.type === T.TOKEN_LEFT_PAREN) right = make('FunCall', tok, name, p.parseSignature());
  else if (startsArgument(next)) right = make('FunCall', tok, name, make('NodeList', next, [p.parsePrimary()]));
  const is = make('Is', left, left, right);
  return not ? make('Not', left, is) : is;
}
