/** The helpers compiled templates call (`R.*`): lookups, calls, iteration, and Python-flavoured values. */
import { closestName } from '../diagnostics/suggest.js';
import { Loop } from './loop.js';
import { makeMacro, setMacroRuntime, type MacroBody } from './macro-object.js';
import { pyMethods, type PyMethod } from './py-methods.js';
import * as ops from './py-ops.js';
import { isPlainObject, Namespace, pyStr, PyFloat, PyTuple, toJs, truthy } from './py-values.js';
import { codedError, wrapRenderError, type Location } from './render-errors.js';
import type { RenderState } from './render-state.js';

const OP = Object.prototype as unknown as Record<string, unknown>;
/** A parameter the call did not pass. */
const MISSING = Symbol('missing');

type Kw = Record<string, unknown> | null;
type Bound = unknown[] & { varargs: PyTuple; kwargs: Record<string, unknown>; caller?: unknown };

function lookup(S: RenderState, s: Record<string, unknown>, name: string): unknown {
  if (name in s) return s[name];
  const x = S.ctx[name];
  if (x !== undefined && x !== OP[name]) return x;
  const g = S.env.globals[name];
  return g === undefined && name === 'context' ? wholeContext(S) : g;
}

/** dbt's `context`: every name a template can see, as a dict (`context[package_name]`, `name in context`). */
function wholeContext(S: RenderState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let o: object | null = S.env.globals; o; o = Object.getPrototypeOf(o)) {
    for (const k of Object.keys(o)) if (!(k in out)) out[k] = (o as Record<string, unknown>)[k];
  }
  for (const k of Object.keys(S.ctx)) out[k] = S.ctx[k];
  return out;
}

function methodOf(obj: unknown, name: string): PyMethod | undefined {
  const table = typeof obj === 'string' ? pyMethods.str : Array.isArray(obj) ? pyMethods.list : isPlainObject(obj) ? pyMethods.dict : undefined;
  return table && Object.hasOwn(table, name) ? (table[name] as PyMethod) : undefined;
}

/** `obj.name`: an attribute, else the item, else a Python method (bound); missing is undefined. */
function attr(obj: unknown, name: string | number): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (typeof obj === 'object' || typeof obj === 'function') {
    const v = (obj as Record<string, unknown>)[name];
    if (v !== undefined && (v !== OP[name] || Object.hasOwn(obj, name))) return v;
  }
  const m = methodOf(obj, String(name));
  if (m) return (...args: unknown[]) => m(obj as never, args, {});
  if (typeof obj === 'string' && typeof name === 'number') return obj[name];
  return undefined;
}

function index(len: number, key: unknown): number {
  const i = Number(key instanceof PyFloat ? key.valueOf() : key);
  return i < 0 ? len + i : i;
}

/** `obj[key]`, with Python's negative indexes. */
function item(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key === 'number' || key instanceof PyFloat) return obj[index(obj.length, key)];
    return attr(obj, key as string);
  }
  if (obj instanceof Map) return obj.get(key);
  if (typeof obj === 'object' || typeof obj === 'function') {
    const k = String(key);
    const v = (obj as Record<string, unknown>)[k];
    return v === OP[k] && !Object.hasOwn(obj, k) ? undefined : v;
  }
  return undefined;
}

/** `obj[start:stop:step]`. */
function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const seq = typeof obj === 'string' ? [...obj] : Array.isArray(obj) ? obj : iter(obj);
  const n = seq.length;
  const st = step === undefined || step === null ? 1 : Number(step);
  if (st === 0) throw new Error('slice step cannot be zero');
  const clamp = (v: unknown, dflt: number, lo: number, hi: number) => {
    if (v === undefined || v === null) return dflt;
    const i = index(n, v);
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) for (let i = clamp(start, 0, 0, n); i < clamp(stop, n, 0, n); i += st) out.push(seq[i]);
  else for (let i = clamp(start, n - 1, -1, n - 1); i > clamp(stop, -1, -1, n - 1); i += st) out.push(seq[i]);
  if (typeof obj === 'string') return out.join('');
  return obj instanceof PyTuple ? PyTuple.of(...out) : out;
}

/** What `{% for %}` iterates: lists, strings, dict keys, any iterable; undefined iterates nothing. */
function iter(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [...v];
  if (v instanceof Map) return [...v.keys()];
  if (typeof v === 'object' && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  if (typeof v === 'object') return Object.keys(v);
  throw new TypeError(`'${ops.typeName(v)}' object is not iterable`);
}

/** `for k, v in d`: nunjucks lets a dict unpack to key/value pairs; Python would not, but no Jinja code relies on that. */
function iterPairs(v: unknown): unknown[] {
  if (isPlainObject(v)) return Object.keys(v).map((k) => PyTuple.of(k, v[k]));
  return iter(v);
}

function unpack(v: unknown, n: number): unknown[] {
  const items = iter(v);
  if (items.length !== n) {
    throw new Error(items.length > n ? `too many values to unpack (expected ${n})` : `not enough values to unpack (expected ${n}, got ${items.length})`);
  }
  return items;
}

function kwObject(kw: Kw): Record<string, unknown> {
  const o: Record<string, unknown> = { __keywords: true };
  if (kw) for (const k of Object.keys(kw)) o[k] = toJs(kw[k]);
  return o;
}

function callJs(f: (...a: unknown[]) => unknown, self: unknown, args: unknown[], kw: Kw): unknown {
  for (let i = 0; i < args.length; i++) if (args[i] instanceof PyFloat) args[i] = toJs(args[i]);
  if (kw) args.push(kwObject(kw));
  const r = f.apply(self, args);
  return r === undefined ? null : r;
}

function notCallable(S: RenderState, f: unknown, name: string): Error {
  if (f === undefined) {
    const guess = closestName(name.split('.').pop()!, S.env.knownNames(), Object.keys(S.ctx));
    const hint = guess ? `Did you mean '${guess}'?` : 'Check the spelling, and that the macro is in a file under macro-paths.';
    return codedError('TSDBT_UNKNOWN_MACRO', `'${name}' is undefined`, hint);
  }
  return new TypeError(`'${ops.typeName(f)}' object ('${name}') is not callable`);
}

/** `f(args, kw)`: a macro runs in this render's context; a JS function gets nunjucks's `__keywords` object; a `loop` recurses. */
function call(S: RenderState, f: unknown, args: unknown[], kw: Kw, name: string): unknown {
  if (typeof f !== 'function') {
    // `loop(children)`: checked only off the hot path (every other call is to a function).
    if (f instanceof Loop) return f.call(args, kw);
    throw notCallable(S, f, name);
  }
  const macro = (f as { __jinja?: { invoke(S: RenderState, a: unknown[], k: Kw): unknown } }).__jinja;
  if (macro) return macro.invoke(S, args, kw);
  return callJs(f as (...a: unknown[]) => unknown, undefined, args, kw);
}

/** `obj.name(args)`: the object's own function, else a Python str/list/dict method. */
function callMethod(S: RenderState, obj: unknown, name: string, args: unknown[], kw: Kw, display: string): unknown {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') {
    const own = (obj as Record<string, unknown>)[name];
    if (typeof own === 'function' && (own !== OP[name] || Object.hasOwn(obj, name))) {
      if ((own as { __jinja?: unknown }).__jinja) return call(S, own, args, kw, display);
      return callJs(own as never, obj, args, kw);
    }
  }
  const m = methodOf(obj, name);
  if (m) {
    const r = m(obj as never, args, kw ?? {});
    return r === undefined ? null : r;
  }
  if (obj === undefined) throw notCallable(S, undefined, display);
  throw notCallable(S, attr(obj, name), display);
}

function setattr(obj: unknown, name: string, value: unknown): void {
  if (!(obj instanceof Namespace)) throw new TypeError(`cannot assign attribute '${name}' on ${ops.typeName(obj)}: only namespace() objects take {% set ns.attr = ... %}`);
  obj[name] = value;
}

/** Binds a macro's parameters Python-style; what is left over goes to `varargs` / `kwargs`. */
function bind(params: string[], args: unknown[], kw: Kw): Bound {
  const out = new Array(params.length).fill(MISSING) as Bound;
  for (let i = 0; i < params.length && i < args.length; i++) out[i] = args[i];
  out.varargs = PyTuple.of(...args.slice(params.length));
  out.kwargs = {};
  if (kw) {
    for (const k of Object.keys(kw)) {
      const at = params.indexOf(k);
      if (k === 'caller') out.caller = kw[k];
      else if (at >= 0) out[at] = kw[k];
      else out.kwargs[k] = kw[k];
    }
  }
  return out;
}

function dict(kv: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < kv.length; i += 2) Object.defineProperty(o, pyStr(kv[i]), { value: kv[i + 1], enumerable: true, writable: true, configurable: true });
  return o;
}

/** An inline `{% macro %}` or a `{% call %}` body, made callable for this render. */
function inlineMacro(S: RenderState, name: string, body: MacroBody): unknown {
  return makeMacro(name, body, { file: S.file, lineOffset: S.lineOffset } satisfies Location);
}

export const runtime = {
  M: MISSING,
  v: lookup,
  attr,
  item,
  slice,
  iter,
  iterPairs,
  unpack,
  call,
  callm: callMethod,
  setattr,
  bind,
  dict,
  tuple: (items: unknown[]) => PyTuple.of(...items),
  f: (n: number) => new PyFloat(n),
  t: truthy,
  out: (v: unknown) => (typeof v === 'string' ? v : pyStr(v)),
  wrap: wrapRenderError,
  macro: inlineMacro,
  Loop,
  ...ops,
};

export type Runtime = typeof runtime;

setMacroRuntime(runtime);
