/**
 * nunjucks's parser taught the parts of Jinja's grammar dbt code uses and nunjucks parses differently or not at all:
 * `do`, `break`/`continue`, `with`, `test` blocks, tuples, slices, float literals, `*args`/`**kwargs` at call sites,
 * `set a, b = 1, 2`; dbt's `materialization`/`docs`/`snapshot` blocks are skipped (they are not macros).
 */
import { FastTokenizer } from './fast-lexer.js';
import { ReplayTokenizer, type Lexed } from './replay-tokenizer.js';
import { parseInlineIf } from './jinja-expressions.js';
import { lexer, nodes, ParserBase, type AstNode, type Token, type Tokenizer } from './nunjucks-internals.js';

const T = lexer;
const SKIPPED_BLOCKS = new Set(['materialization', 'docs', 'snapshot']);

function node(typename: string, tok: { lineno: number; colno: number }, fields: Record<string, unknown>): AstNode {
  return { typename, lineno: tok.lineno, colno: tok.colno, children: [], ...fields } as AstNode;
}

function isClosing(type: string): boolean {
  return type === T.TOKEN_RIGHT_PAREN || type === T.TOKEN_RIGHT_BRACKET || type === T.TOKEN_RIGHT_CURLY;
}

export class JinjaParser extends ParserBase {
  override parseStatement(): AstNode | null {
    const tok = this.peekToken();
    if (tok.type !== T.TOKEN_SYMBOL || (this.breakOnBlocks && this.breakOnBlocks.includes(tok.value))) {
      return super.parseStatement();
    }
    switch (tok.value) {
      case 'do': {
        this.nextToken();
        const expr = this.parseExpression();
        this.advanceAfterBlockEnd('do');
        return node('Do', tok, { expr });
      }
      case 'break':
      case 'continue':
        this.nextToken();
        this.advanceAfterBlockEnd(tok.value);
        return node(tok.value === 'break' ? 'Break' : 'Continue', tok, {});
      case 'test':
        return this.parseTestBlock();
      case 'with':
        return this.parseWith();
      case 'macro':
        return this.parseMacro();
      default:
        if (SKIPPED_BLOCKS.has(tok.value)) return this.skipBlock(tok);
        return super.parseStatement();
    }
  }

  /** `{% for target in iterable [if cond] [recursive] %}`: nunjucks's for, plus Jinja's `recursive` marker (last). */
  override parseFor(): AstNode {
    const tag = this.peekToken();
    if (tag.value !== 'for') return super.parseFor();
    this.nextToken();
    const loop = new nodes.For!(tag.lineno, tag.colno);
    loop.name = this.parsePrimary();
    // `for (k, v) in …` / `for (x) in …`: the parenthesised forms.
    if (loop.name.typename === 'Group' && loop.name.children[0]?.typename === 'Symbol') loop.name = loop.name.children[0];
    if (loop.name.typename === 'Tuple' && loop.name.children.length > 0 && loop.name.children.every((c: AstNode) => c.typename === 'Symbol')) {
      loop.name = node('Array', loop.name, { children: loop.name.children });
    } else if (loop.name.typename !== 'Symbol') {
      this.fail('expected a variable name after for', loop.name.lineno, loop.name.colno);
    }
    if (loop.name.typename === 'Symbol' && this.peekToken().type === T.TOKEN_COMMA) {
      const names = new nodes.Array!(loop.name.lineno, loop.name.colno);
      names.children.push(loop.name);
      while (this.skip(T.TOKEN_COMMA)) names.children.push(this.parsePrimary());
      loop.name = names;
    }
    const inTok = this.peekToken();
    if (!this.skipSymbol('in')) this.fail(`expected 'in' after the loop variable, got '${inTok.value}'`, inTok.lineno, inTok.colno);
    loop.arr = this.parseExpression();
    loop.recursive = this.skipSymbol('recursive');
    const end = this.peekToken();
    if (loop.recursive && end.type !== T.TOKEN_BLOCK_END) {
      this.fail(`expected the end of the for tag after 'recursive', got '${end.value}'`, end.lineno, end.colno);
    }
    this.advanceAfterBlockEnd('for');
    loop.body = this.parseUntilBlocks('endfor', 'else');
    if (this.skipSymbol('else')) {
      this.advanceAfterBlockEnd('else');
      loop.else_ = this.parseUntilBlocks('endfor');
    }
    this.advanceAfterBlockEnd();
    return loop;
  }

  /** `{% macro %}`, remembering where the block starts and ends in the source (for the manifest's macro_sql). */
  override parseMacro(): AstNode {
    const start = this.tokens.str.lastIndexOf('{%', this.offsetOf(this.peekToken()));
    const macro = super.parseMacro();
    macro.start = start;
    macro.end = this.tokens.index;
    return macro;
  }

  private offsetOf(tok: Token): number {
    const lines = this.tokens.str.split('\n', tok.lineno);
    return lines.reduce((n, l) => n + l.length + 1, 0) + tok.colno;
  }

  /** `{% with a = 1, b = x %}…{% endwith %}`: names visible only inside the block. */
  private parseWith(): AstNode {
    const tok = this.peekToken();
    this.nextToken();
    const names: string[] = [];
    const values: AstNode[] = [];
    while (this.peekToken().type !== T.TOKEN_BLOCK_END) {
      if (names.length && !this.skip(T.TOKEN_COMMA)) this.fail('expected comma in with tag', tok.lineno, tok.colno);
      names.push(this.expect(T.TOKEN_SYMBOL).value);
      if (!this.skipValue(T.TOKEN_OPERATOR, '=')) this.fail('expected = in with tag', tok.lineno, tok.colno);
      values.push(this.parseExpression());
    }
    this.advanceAfterBlockEnd('with');
    const body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return node('With', tok, { names, values, body });
  }

  /** dbt's `{% test name(model, column_name) %}` is the macro `test_<name>`. */
  private parseTestBlock(): AstNode {
    const tok = this.peekToken();
    const start = this.tokens.str.lastIndexOf('{%', this.offsetOf(tok));
    this.nextToken();
    const name = this.parsePrimary(true);
    const args = this.parseSignature();
    this.advanceAfterBlockEnd('test');
    const body = this.parseUntilBlocks('endtest');
    this.advanceAfterBlockEnd();
    const symbol = new nodes.Symbol!(name.lineno, name.colno, `test_${name.value}`);
    const macro = new nodes.Macro!(tok.lineno, tok.colno, symbol, args);
    macro.body = body;
    macro.start = start;
    macro.end = this.tokens.index;
    return macro;
  }

  private skipBlock(tok: Token): AstNode {
    const end = new RegExp(`^[\\s\\S]*?\\{%-?\\s*end${tok.value}\\s*-?%\\}`);
    this.nextToken();
    // Skip the opening tag's arguments up to its `%}` without parsing them.
    for (let t = this.nextToken(); t && t.type !== T.TOKEN_BLOCK_END; t = this.nextToken());
    if (!this.tokens._extractRegex(end)) this.fail(`unclosed ${tok.value} block: expected {% end${tok.value} %}`, tok.lineno, tok.colno);
    return node('Skipped', tok, { kind: tok.value });
  }

  /** `{% set a, b = 1, 2 %}` and `{% set ns.x = ... %}`: nunjucks stops at the value's comma; Jinja reads a tuple. */
  override parseSet(): AstNode {
    const tag = this.peekToken();
    this.nextToken();
    const set = new nodes.Set!(tag.lineno, tag.colno, []);
    for (let target = this.parsePrimary(); target; target = this.parsePrimary()) {
      set.targets.push(target);
      if (!this.skip(T.TOKEN_COMMA)) break;
    }
    if (this.skipValue(T.TOKEN_OPERATOR, '=')) {
      set.value = this.parseTupleExpression();
      this.advanceAfterBlockEnd('set');
    } else if (this.peekToken()?.type === T.TOKEN_BLOCK_END) {
      // advanceAfterBlockEnd honours `-%}` (nunjucks skips the token and loses the whitespace control).
      this.advanceAfterBlockEnd('set');
      set.body = new nodes.Capture!(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
      set.value = null;
      this.advanceAfterBlockEnd();
    } else {
      this.fail('expected = or block end in set tag', tag.lineno, tag.colno);
    }
    return set;
  }

  parseTupleExpression(): AstNode {
    const first = this.parseExpression();
    if (this.peekToken().type !== T.TOKEN_COMMA) return first;
    const items = [first];
    while (this.skip(T.TOKEN_COMMA)) {
      const next = this.peekToken().type;
      if (next === T.TOKEN_BLOCK_END || next === T.TOKEN_VARIABLE_END || isClosing(next)) break;
      items.push(this.parseExpression());
    }
    return node('Tuple', first, { children: items });
  }

  override parseInlineIf(): AstNode {
    return parseInlineIf(this as never);
  }

  override parsePrimary(noPostfix?: boolean): AstNode {
    const tok = this.peekToken();
    if (tok && tok.type === T.TOKEN_FLOAT) {
      this.nextToken();
      const lit = new nodes.Literal!(tok.lineno, tok.colno, parseFloat(tok.value));
      lit.isFloat = true;
      return noPostfix ? lit : this.parsePostfix(lit);
    }
    return super.parsePrimary(noPostfix);
  }

  /** Subscripts with slices (`x[1:]`, `x[::-1]`), and marks `a.b` (attribute) apart from `a['b']` (item). */
  override parsePostfix(target: AstNode): AstNode {
    let n = target;
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === T.TOKEN_LEFT_PAREN) {
        n = new nodes.FunCall!(tok.lineno, tok.colno, n, this.parseSignature());
      } else if (tok.type === T.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        n = this.parseSubscript(tok, n);
      } else if (tok.type === T.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const val = this.nextToken();
        if (!val || (val.type !== T.TOKEN_SYMBOL && val.type !== T.TOKEN_INT)) {
          this.fail(`expected name as lookup value, got ${val?.value}`, val?.lineno, val?.colno);
        }
        const lit = new nodes.Literal!(val.lineno, val.colno, val.type === T.TOKEN_INT ? Number(val.value) : val.value);
        n = new nodes.LookupVal!(tok.lineno, tok.colno, n, lit);
        n.dot = true;
      } else {
        break;
      }
    }
    return n;
  }

  private parseSubscript(tok: Token, target: AstNode): AstNode {
    const parts: (AstNode | null)[] = [null];
    let colons = 0;
    for (let t = this.peekToken(); t.type !== T.TOKEN_RIGHT_BRACKET; t = this.peekToken()) {
      if (t.type === T.TOKEN_COLON) {
        this.nextToken();
        colons++;
        parts.push(null);
      } else {
        if (parts[colons]) this.fail('invalid subscript', t.lineno, t.colno);
        parts[colons] = this.parseExpression();
      }
    }
    this.expect(T.TOKEN_RIGHT_BRACKET);
    if (colons === 0) {
      if (!parts[0]) this.fail('empty subscript', tok.lineno, tok.colno);
      return new nodes.LookupVal!(tok.lineno, tok.colno, target, parts[0]);
    }
    if (colons > 2) this.fail('invalid slice', tok.lineno, tok.colno);
    return node('Slice', tok, { target, start: parts[0], stop: parts[1] ?? null, step: parts[2] ?? null });
  }

  /** Lists, dicts (keys are expressions), groups and tuples, with trailing commas allowed. */
  override parseAggregate(): AstNode | null {
    const tok = this.nextToken();
    if (!tok) return null;
    const kind =
      tok.type === T.TOKEN_LEFT_PAREN ? 'Group' : tok.type === T.TOKEN_LEFT_BRACKET ? 'Array' : tok.type === T.TOKEN_LEFT_CURLY ? 'Dict' : null;
    if (!kind) return null;
    const children: AstNode[] = [];
    let sawComma = false;
    for (;;) {
      if (isClosing(this.peekToken().type)) {
        this.nextToken();
        break;
      }
      if (children.length > 0) {
        if (!this.skip(T.TOKEN_COMMA)) this.fail('expected comma after expression', tok.lineno, tok.colno);
        sawComma = true;
        if (isClosing(this.peekToken().type)) {
          this.nextToken();
          break;
        }
      }
      if (kind === 'Dict') {
        const key = this.parseExpression();
        if (!this.skip(T.TOKEN_COLON)) this.fail('expected colon after dict key', tok.lineno, tok.colno);
        children.push(node('Pair', key, { key, value: this.parseExpression() }));
      } else {
        children.push(this.parseExpression());
      }
    }
    if (kind === 'Group' && (sawComma || children.length === 0)) return node('Tuple', tok, { children });
    if (kind === 'Group') return new nodes.Group!(tok.lineno, tok.colno, children);
    return node(kind, tok, { children });
  }

  /** Call and macro signatures, plus `*args` / `**kwargs` at call sites. */
  override parseSignature(tolerant?: boolean, noParens?: boolean): AstNode | null {
    let tok = this.peekToken();
    if (!noParens && tok.type !== T.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok.lineno, tok.colno);
    }
    if (tok.type === T.TOKEN_LEFT_PAREN) tok = this.nextToken()!;
    const args = new nodes.NodeList!(tok.lineno, tok.colno);
    const kwargs = new nodes.KeywordArgs!(tok.lineno, tok.colno);
    for (let first = true; ; first = false) {
      tok = this.peekToken();
      if (!noParens && tok.type === T.TOKEN_RIGHT_PAREN) {
        this.nextToken();
        break;
      }
      if (noParens && tok.type === T.TOKEN_BLOCK_END) break;
      if (!first && !this.skip(T.TOKEN_COMMA)) this.fail('expected comma after expression', tok.lineno, tok.colno);
      if (!first && !noParens && this.peekToken().type === T.TOKEN_RIGHT_PAREN) continue;
      if (this.skipValue(T.TOKEN_OPERATOR, '**')) {
        args.starKwargs = this.parseExpression();
      } else if (this.skipValue(T.TOKEN_OPERATOR, '*')) {
        args.starArgs = this.parseExpression();
      } else {
        const arg = this.parseExpression();
        if (this.skipValue(T.TOKEN_OPERATOR, '=')) {
          kwargs.addChild(new nodes.Pair!(arg.lineno, arg.colno, arg, this.parseExpression()));
        } else {
          args.addChild(arg);
        }
      }
    }
    if (kwargs.children.length) args.addChild(kwargs);
    return args;
  }
}

/** Parses a template into nunjucks's AST with tsdbt's additions (from its tokens when they were lexed already). */
export function parseTemplate(source: string, lexed?: Lexed): AstNode {
  const tokenizer = lexed ? new ReplayTokenizer(source, lexed) : new FastTokenizer(source);
  const parser = new JinjaParser(tokenizer as unknown as Tokenizer);
  return parser.parseAsRoot();
}
