/**
 * Jinja statements to JavaScript. A template compiles to the body of `function (R, S, s, K, P)` returning its output:
 * `R` the runtime, `S` the render state (context, file, line offset), `s` the scope (an object chain rooted at null,
 * one link per `for` body and macro, so `set` inside a loop does not leak out, as in Jinja), `K`/`P` the template's
 * constants and positions (see ExprCompiler).
 */
import { CompileProblem, ExprCompiler } from './compile-expr.js';
import type { AstNode } from './nunjucks-internals.js';

const UNSUPPORTED: Record<string, string> = {
  Include: 'include', Extends: 'extends', Block: 'block', Import: 'import', FromImport: 'from … import', Switch: 'switch',
};

/** Whether statements under `n` may assign names in the scope they run in (`set x`, `{% macro %}`): a cheap over-estimate. */
function assignsNames(n: unknown): boolean {
  if (Array.isArray(n)) return n.some(assignsNames);
  if (!n || typeof n !== 'object' || typeof (n as AstNode).typename !== 'string') return false;
  const node = n as AstNode;
  if (node.typename === 'Macro' || (node.typename === 'Set' && (node.targets as AstNode[]).some((t) => t.typename === 'Symbol'))) return true;
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (v && typeof v === 'object' && assignsNames(v)) return true;
  }
  return false;
}

export class TemplateCompiler extends ExprCompiler {
  private loopDepth = 0;

  /** The body of `function (R, S, s)` for a whole template. */
  compileRoot(root: AstNode): string {
    return this.functionBody('', root, 's');
  }

  /** A file macro as a `function (R, S, a, kw)` expression (its scope sees the render's context, not the caller's locals). */
  macroExpression(node: AstNode): string {
    return this.macroFunction(node, 'null');
  }

  /** A `function (R, S, a, kw)` expression for a macro (or a call block's caller) defined in `closure`'s scope. */
  protected macroFunction(node: AstNode, closure: string): string {
    const m = `m${++this.ids}`;
    const b = `b${this.ids}`;
    const params: AstNode[] = [];
    const defaults = new Map<number, AstNode>();
    for (const arg of node.args.children as AstNode[]) {
      if (arg.typename === 'KeywordArgs') {
        for (const pair of arg.children) {
          defaults.set(params.length, pair.value);
          params.push(pair.key);
        }
      } else if (arg.typename === 'Symbol') {
        params.push(arg);
      } else {
        throw new CompileProblem('macro parameters must be names', arg.lineno, arg.colno);
      }
    }
    let prologue = `const ${m}=Object.create(${closure});const ${b}=R.bind([${params.map((p) => this.k(p.value)).join(',')}],a,kw);`;
    params.forEach((p, i) => {
      const dflt = defaults.get(i);
      prologue += `${m}[${this.k(p.value)}]=${b}[${i}]!==R.M?${b}[${i}]:${dflt ? this.expr(dflt, m) : 'undefined'};`;
    });
    prologue += `${m}.varargs=${b}.varargs;${m}.kwargs=${b}.kwargs;if(${b}.caller!==undefined)${m}.caller=${b}.caller;`;
    const outerLoops = this.loopDepth;
    this.loopDepth = 0;
    const fn = `function(R,S,a,kw){${this.functionBody(prologue, node.body, m)}}`;
    this.loopDepth = outerLoops;
    return fn;
  }

  private functionBody(prologue: string, body: AstNode, sv: string): string {
    const outerTemps = this.temps;
    this.temps = [];
    const pos = `L=${this.at(body.lineno, body.colno)}`;
    const code = prologue + this.block(body, sv);
    const temps = this.temps.length ? `,${this.temps.join(',')}` : '';
    this.temps = outerTemps;
    return `let o="",${pos}${temps};try{${code}}catch(e){throw R.wrap(e,S,L,P)}return o;`;
  }

  protected captureExpr(body: AstNode, sv: string): string {
    const outerLoops = this.loopDepth;
    this.loopDepth = 0;
    const code = `(()=>{let o="";${this.block(body, sv)}return o;})()`;
    this.loopDepth = outerLoops;
    return code;
  }

  private block(n: AstNode, sv: string): string {
    return (n.children as AstNode[]).map((c) => this.stmt(c, sv)).join('');
  }

  private stmt(n: AstNode, sv: string): string {
    const at = n.typename === 'NodeList' || n.typename === 'Root' || n.typename === 'Output' ? '' : `L=${this.at(n.lineno, n.colno)};`;
    switch (n.typename) {
      case 'NodeList':
      case 'Root':
        return this.block(n, sv);
      case 'Output':
        return this.output(n, sv);
      case 'If':
        return `${at}if(R.t(${this.expr(n.cond, sv)})){${this.block(n.body, sv)}}${n.else_ ? `else{${this.stmt(n.else_, sv)}}` : ''}`;
      case 'For':
        return at + this.forLoop(n, sv);
      case 'Set':
        return at + this.set(n, sv);
      case 'Macro':
        return `${at}${sv}[${this.k(n.name.value)}]=R.macro(S,${this.k(n.name.value)},${this.macroFunction(n, sv)});`;
      case 'Do':
        return `${at}${this.expr(n.expr, sv)};`;
      case 'Break':
      case 'Continue':
        if (this.loopDepth === 0) throw new CompileProblem(`'${n.typename.toLowerCase()}' outside a loop`, n.lineno, n.colno);
        return `${n.typename.toLowerCase()};`;
      case 'Skipped':
        return '';
      case 'With': {
        const w = `w${++this.ids}`;
        const binds = (n.values as AstNode[]).map((v, i) => `${w}[${this.k(n.names[i])}]=${this.expr(v, sv)};`).join('');
        return `${at}{const ${w}=Object.create(${sv});${binds}${this.block(n.body, w)}}`;
      }
      default:
        if (UNSUPPORTED[n.typename]) {
          throw new CompileProblem(`{% ${UNSUPPORTED[n.typename]} %} is not supported`, n.lineno, n.colno, 'TSDBT_JINJA_SYNTAX', 'dbt does not support it either: use macros, which are global.');
        }
        throw new CompileProblem(`cannot compile ${n.typename}`, n.lineno, n.colno);
    }
  }

  private output(n: AstNode, sv: string): string {
    let code = '';
    for (const child of n.children as AstNode[]) {
      if (child.typename === 'TemplateData') {
        if (child.value) code += `o+=${this.k(child.value)};`;
      } else {
        code += `L=${this.at(child.lineno, child.colno)};o+=R.out(${this.expr(child, sv)});`;
      }
    }
    return code;
  }

  private bindTargets(names: string[], src: string, scope: string): string {
    if (names.length === 1) return `${scope}[${this.k(names[0]!)}]=${src};`;
    const u = `u${++this.ids}`;
    return `{const ${u}=R.unpack(${src},${names.length});${names.map((name, i) => `${scope}[${this.k(name)}]=${u}[${i}];`).join('')}}`;
  }

  private forLoop(n: AstNode, sv: string): string {
    const id = ++this.ids;
    let arr = n.arr as AstNode;
    let cond: AstNode | undefined;
    // `for x in xs if cond` reaches us as an inline-if without else: Jinja's loop filter.
    if (arr.typename === 'InlineIf' && !arr.else_) [arr, cond] = [arr.body, arr.cond];
    const names = n.name.typename === 'Array' ? (n.name.children as AstNode[]).map((c) => c.value as string) : [n.name.value as string];
    const iterate = names.length > 1 ? 'R.iterPairs' : 'R.iter';
    if (!n.recursive) return `{let i${id}=${iterate}(${this.expr(arr, sv)});${this.loopLevel(n, id, names, cond, sv)}}`;
    // A recursive loop is a function of its iterable, called again one level deeper by `loop(children)`; each
    // level gets its own scope on the loop's (Jinja's closure), its own `loop` and its own `else`.
    const [r, v, d] = [`r${id}`, `v${id}`, `d${id}`];
    const level = this.loopLevel(n, id, names, cond, sv, `,${d},${r}`);
    return `{const ${r}=(${v},${d})=>{let o="",i${id}=${iterate}(${v});${level}return o;};o+=${r}(${this.expr(arr, sv)},0);}`;
  }

  /**
   * One level of a loop over the array in `i<id>`: the loop filter, `loop`, the body per item, and `else` when
   * nothing was iterated. `recursion`: the extra Loop arguments (depth, recurse) of a recursive loop's level.
   */
  private loopLevel(n: AstNode, id: number, names: string[], cond: AstNode | undefined, sv: string, recursion = ''): string {
    const [it, k, lp, s2, x, s3] = [`i${id}`, `k${id}`, `l${id}`, `s${id}`, `x${id}`, `n${id}`];
    let code = `const ${s2}=Object.create(${sv});`;
    if (cond) {
      code += `{const f=[];for(const ${x} of ${it}){${this.bindTargets(names, x, s2)}if(R.t(${this.expr(cond, s2)}))f.push(${x});}${it}=f;}`;
    }
    code += `const ${lp}=new R.Loop(${it},${s2}.loop${recursion});${s2}.loop=${lp};`;
    // Each iteration starts from the loop's scope: a `set` in one is not seen by the next (as in Jinja). A scope per
    // iteration costs (a new prototype each time), so only bodies that assign names get one.
    const perItem = assignsNames(n.body);
    const si = perItem ? s3 : s2;
    this.loopDepth++;
    const body = this.block(n.body, si);
    this.loopDepth--;
    const scope = perItem ? `const ${s3}=Object.create(${s2});` : '';
    code += `for(let ${k}=0;${k}<${it}.length;${k}++){${lp}.index0=${k};${scope}${this.bindTargets(names, `${it}[${k}]`, si)}${body}}`;
    if (n.else_) {
      // A recursive level's `else` runs inside its function: a `break` there has no loop of the template to leave.
      const outerLoops = this.loopDepth;
      if (recursion) this.loopDepth = 0;
      code += `if(${it}.length===0){${this.block(n.else_, sv)}}`;
      this.loopDepth = outerLoops;
    }
    return code;
  }

  private set(n: AstNode, sv: string): string {
    const value = n.value ? this.expr(n.value, sv) : this.captureExpr(n.body.body, sv);
    const targets = n.targets as AstNode[];
    if (targets.length === 1 && targets[0]!.typename === 'LookupVal') {
      const t = targets[0]!;
      if (!t.dot) throw new CompileProblem('can only assign to names or namespace attributes', t.lineno, t.colno);
      return `R.setattr(${this.expr(t.target, sv)},${this.k(String(t.val.value))},${value});`;
    }
    for (const t of targets) {
      if (t.typename !== 'Symbol') throw new CompileProblem('can only assign to names or namespace attributes', t.lineno, t.colno);
    }
    return this.bindTargets(targets.map((t) => t.value as string), value, sv);
  }
}
