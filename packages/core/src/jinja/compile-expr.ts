/** Jinja expressions (nunjucks's AST) to JavaScript source that calls the runtime (`R.*`) with Python semantics. */
import type { AstNode } from './nunjucks-internals.js';

/** A problem found while compiling, positioned in the template (0-based, as nunjucks counts). */
export class CompileProblem extends Error {
  constructor(
    message: string,
    readonly lineno: number | undefined,
    readonly colno: number | undefined,
    readonly code = 'TSDBT_JINJA_SYNTAX',
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const q = (s: string): string => JSON.stringify(s);

const BINARY: Record<string, string> = {
  Add: 'add', Sub: 'sub', Mul: 'mul', Div: 'div', FloorDiv: 'floorDiv', Mod: 'mod', Pow: 'pow', Concat: 'concat',
};
const CONSTANTS: Record<string, string> = { True: 'true', False: 'false', None: 'null', true: 'true', false: 'false', none: 'null' };

export interface NameTables {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
}

/** Leftmost position of an expression (where `adapter.get_relation(...)` starts, not its `(`). */
export function startOf(n: AstNode): AstNode {
  let cur = n;
  while ((cur.typename === 'FunCall' && cur.name) || (cur.typename === 'LookupVal' && cur.target)) cur = cur.name ?? cur.target;
  return cur;
}

function displayName(n: AstNode): string {
  if (n.typename === 'Symbol') return n.value;
  if (n.typename === 'LookupVal' && n.val?.typename === 'Literal') return `${displayName(n.target)}.${n.val.value}`;
  if (n.typename === 'FunCall') return `${displayName(n.name)}(...)`;
  return 'expression';
}

/**
 * Text, names and positions are not written into the generated code but into side tables (`K` constants, `P`
 * positions, read by index), so templates of the same structure compile to the same code and share one compiled
 * function (V8's compile of generated code was the largest cost of a cold run).
 */
export abstract class ExprCompiler {
  protected ids = 0;
  protected temps: string[] = [];
  readonly consts: unknown[] = [];
  /** Flattened (line, column) pairs, 1-based; `L=i` in the code means "at position i". */
  readonly positions: number[] = [];
  private readonly constIndex = new Map<unknown, number>();

  constructor(protected readonly names: NameTables) {}

  protected tmp(): string {
    const t = `t${++this.ids}`;
    this.temps.push(t);
    return t;
  }

  /** A constant's slot in K. */
  protected k(value: unknown): string {
    let i = this.constIndex.get(value);
    if (i === undefined) {
      i = this.consts.push(value) - 1;
      this.constIndex.set(value, i);
    }
    return `K[${i}]`;
  }

  /** The index of a source position (0-based nunjucks line/col in, 1-based out). */
  protected at(lineno: number, colno: number): number {
    this.positions.push(lineno + 1, colno + 1);
    return this.positions.length / 2 - 1;
  }

  protected pos(n: AstNode): string {
    const at = startOf(n);
    return `L=${this.at(at.lineno, at.colno)}`;
  }

  protected abstract macroFunction(node: AstNode, closure: string): string;
  protected abstract captureExpr(body: AstNode, sv: string): string;

  expr(n: AstNode, sv: string): string {
    switch (n.typename) {
      case 'Literal': return this.literal(n);
      case 'Symbol': return Object.hasOwn(CONSTANTS, n.value) ? CONSTANTS[n.value]! : `R.v(S,${sv},${this.k(n.value)})`;
      case 'Group': return `(${this.expr(n.children[0]!, sv)})`;
      case 'Array': return `[${this.list(n.children, sv)}]`;
      case 'Tuple': return `R.tuple([${this.list(n.children, sv)}])`;
      case 'Dict': return this.dict(n, sv);
      case 'LookupVal':
        return n.dot ? `R.attr(${this.expr(n.target, sv)},${this.k(String(n.val.value))})` : `R.item(${this.expr(n.target, sv)},${this.expr(n.val, sv)})`;
      case 'Slice':
        return `R.slice(${this.expr(n.target, sv)},${this.opt(n.start, sv)},${this.opt(n.stop, sv)},${this.opt(n.step, sv)})`;
      case 'FunCall': return this.funCall(n, sv);
      case 'Filter': return this.filter(n, sv);
      case 'Is': return this.test(n, sv);
      case 'Compare': return this.compare(n, sv);
      case 'InlineIf':
        return `(R.t(${this.expr(n.cond, sv)})?${this.expr(n.body, sv)}:${n.else_ ? this.expr(n.else_, sv) : 'undefined'})`;
      case 'In': return `R.contains(${this.expr(n.right, sv)},${this.expr(n.left, sv)})`;
      case 'And': {
        const t = this.tmp();
        return `(R.t(${t}=${this.expr(n.left, sv)})?${this.expr(n.right, sv)}:${t})`;
      }
      case 'Or': {
        const t = this.tmp();
        return `(R.t(${t}=${this.expr(n.left, sv)})?${t}:${this.expr(n.right, sv)})`;
      }
      case 'Not': return `!R.t(${this.expr(n.target, sv)})`;
      case 'Neg': return `R.neg(${this.expr(n.target, sv)})`;
      case 'Pos': return `R.pos(${this.expr(n.target, sv)})`;
      case 'Caller': return `R.macro(S,"caller",${this.macroFunction(n, sv)})`;
      case 'Capture': return this.captureExpr(n.body, sv);
      default: {
        const op = BINARY[n.typename];
        if (op) return `R.${op}(${this.expr(n.left, sv)},${this.expr(n.right, sv)})`;
        throw new CompileProblem(`unexpected ${n.typename} in an expression`, n.lineno, n.colno);
      }
    }
  }

  private opt(n: AstNode | null, sv: string): string {
    return n ? this.expr(n, sv) : 'null';
  }

  private list(children: AstNode[], sv: string): string {
    return children.map((c) => this.expr(c, sv)).join(',');
  }

  private literal(n: AstNode): string {
    const v = n.value as unknown;
    if (typeof v === 'string') return this.k(v);
    if (typeof v === 'number') return n.isFloat && Number.isInteger(v) ? `R.f(${v})` : String(v);
    if (v === null || typeof v === 'boolean') return String(v);
    throw new CompileProblem('regular expression literals are not Jinja', n.lineno, n.colno);
  }

  private dict(n: AstNode, sv: string): string {
    const pairs = n.children;
    const simple = pairs.every((p) => p.key.typename === 'Literal' && typeof p.key.value === 'string' && p.key.value !== '__proto__');
    if (simple) return `{${pairs.map((p) => `${q(p.key.value)}:${this.expr(p.value, sv)}`).join(',')}}`;
    return `R.dict([${pairs.map((p) => `${this.expr(p.key, sv)},${this.expr(p.value, sv)}`).join(',')}])`;
  }

  /** Positional args, keyword args (or null) of a call or filter, honouring `*args` / `**kwargs`. */
  protected callArgs(children: AstNode[], sv: string, holder?: AstNode): [string, string] {
    const last = children[children.length - 1];
    const kwNode = last && last.typename === 'KeywordArgs' ? last : undefined;
    const positional = kwNode ? children.slice(0, -1) : children;
    let args = `[${this.list(positional, sv)}`;
    if (holder?.starArgs) args += `${positional.length ? ',' : ''}...R.iter(${this.expr(holder.starArgs, sv)})`;
    args += ']';
    const pairs = (kwNode?.children ?? []).map((p) => {
      if (p.key.typename !== 'Symbol') throw new CompileProblem('keyword argument names must be names', p.lineno, p.colno);
      return `${q(p.key.value)}:${this.expr(p.value, sv)}`;
    });
    let kw = pairs.length ? `{${pairs.join(',')}}` : 'null';
    if (holder?.starKwargs) kw = `Object.assign({},${kw},${this.expr(holder.starKwargs, sv)})`;
    return [args, kw];
  }

  private funCall(n: AstNode, sv: string): string {
    const [args, kw] = this.callArgs(n.args.children, sv, n.args);
    const name = n.name as AstNode;
    const display = this.k(displayName(name));
    if (name.typename === 'LookupVal' && name.dot) {
      return `(${this.pos(n)},R.callm(S,${this.expr(name.target, sv)},${this.k(String(name.val.value))},${args},${kw},${display}))`;
    }
    return `(${this.pos(n)},R.call(S,${this.expr(name, sv)},${args},${kw},${display}))`;
  }

  private filter(n: AstNode, sv: string): string {
    const name = n.name.value as string;
    if (!Object.hasOwn(this.names.filters, name)) {
      throw new CompileProblem(`no filter named '${name}'`, n.name.lineno, n.name.colno, 'TSDBT_UNKNOWN_FILTER', 'See the filters Jinja and dbt provide; custom filters are not supported.');
    }
    const [value, ...rest] = n.args.children as AstNode[];
    const [args, kw] = this.callArgs(rest, sv);
    return `(L=${this.at(n.name.lineno, n.name.colno)},S.env.filters[${q(name)}](${this.expr(value!, sv)},${args},${kw},S))`;
  }

  private test(n: AstNode, sv: string): string {
    const right = n.right as AstNode;
    let name: string;
    let args = '[]';
    if (right.typename === 'FunCall') {
      name = right.name.value;
      [args] = this.callArgs(right.args.children, sv);
    } else if (right.typename === 'Literal') {
      name = right.value === null ? 'none' : String(right.value);
    } else {
      name = right.value;
    }
    if (!Object.hasOwn(this.names.tests, name)) throw new CompileProblem(`no test named '${name}'`, right.lineno, right.colno);
    return `S.env.tests[${q(name)}](${this.expr(n.left, sv)},${args},S)`;
  }

  private compare(n: AstNode, sv: string): string {
    const ops = n.ops as AstNode[];
    if (ops.length === 1) return `R.compare(${q(ops[0]!.type)},${this.expr(n.expr, sv)},${this.expr(ops[0]!.expr, sv)})`;
    let prev = this.tmp();
    const parts = [`(${prev}=${this.expr(n.expr, sv)},`];
    ops.forEach((op, i) => {
      const next = this.tmp();
      parts.push(`${i ? '&&' : ''}R.compare(${q(op.type)},${prev},${next}=${this.expr(op.expr, sv)})`);
      prev = next;
    });
    return parts.join('') + ')';
  }
}
