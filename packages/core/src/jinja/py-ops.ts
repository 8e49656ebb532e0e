/** Jinja's operators with Python's semantics (`'-' * 3`, `10 / 5 == 2.0`, `'%s' % x`, `[1] + [2]`). */
import { percentFormat } from './py-format.js';
import { isFloat, isPlainObject, mkFloat, PyFloat, PyTuple, pyEq, pyStr } from './py-values.js';

type Dunder = { [k: string]: ((other: unknown) => unknown) | undefined };

function typeName(v: unknown): string {
  if (v === undefined) return 'Undefined';
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof PyFloat || isFloat(v)) return 'float';
  if (typeof v === 'number') return 'int';
  if (v instanceof PyTuple) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (isPlainObject(v)) return 'dict';
  return (v as object).constructor?.name ?? 'object';
}

function unsupported(op: string, a: unknown, b: unknown): TypeError {
  return new TypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function isNum(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

function dunder(a: unknown, b: unknown, name: string, rname: string): { hit: boolean; value?: unknown } {
  const fa = a && typeof a === 'object' ? (a as Dunder)[name] : undefined;
  if (fa) return { hit: true, value: fa.call(a, b) };
  const fb = b && typeof b === 'object' ? (b as Dunder)[rname] : undefined;
  if (fb) return { hit: true, value: fb.call(b, a) };
  return { hit: false };
}

function arith(op: string, a: unknown, b: unknown, f: (x: number, y: number) => number): unknown {
  if (!isNum(a) || !isNum(b)) throw unsupported(op, a, b);
  const r = f(Number(a), Number(b));
  return isFloat(a) || isFloat(b) ? mkFloat(r) : r;
}

function repeat<T>(seq: string | T[], n: unknown): string | T[] {
  const times = Math.max(0, Number(n));
  if (typeof seq === 'string') return seq.repeat(times);
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(...seq);
  return seq instanceof PyTuple ? PyTuple.of(...out) : out;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a instanceof PyTuple ? PyTuple.of(...a, ...b) : [...a, ...b];
  const d = dunder(a, b, '__add__', '__radd__');
  if (d.hit) return d.value;
  if (typeof a === 'string' || typeof b === 'string') throw unsupported('+', a, b);
  return arith('+', a, b, (x, y) => x + y);
}

export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const d = dunder(a, b, '__sub__', '__rsub__');
  if (d.hit) return d.value;
  return arith('-', a, b, (x, y) => x - y);
}

export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if ((typeof a === 'string' || Array.isArray(a)) && typeof b === 'number') return repeat(a as string, b);
  if ((typeof b === 'string' || Array.isArray(b)) && typeof a === 'number') return repeat(b as string, a);
  return arith('*', a, b, (x, y) => x * y);
}

export function div(a: unknown, b: unknown): unknown {
  if (!isNum(a) || !isNum(b)) {
    const d = dunder(a, b, '__truediv__', '__rtruediv__');
    if (d.hit) return d.value;
    throw unsupported('/', a, b);
  }
  if (Number(b) === 0) throw new Error('division by zero');
  return mkFloat(Number(a) / Number(b));
}

export function floorDiv(a: unknown, b: unknown): unknown {
  if (isNum(b) && Number(b) === 0) throw new Error('integer division or modulo by zero');
  return arith('//', a, b, (x, y) => Math.floor(x / y));
}

export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === 'string') return percentFormat(a, b);
  if (isNum(b) && Number(b) === 0) throw new Error('integer division or modulo by zero');
  return arith('%', a, b, (x, y) => ((x % y) + y) % y);
}

export function pow(a: unknown, b: unknown): unknown {
  if (isNum(b) && Number(b) < 0) return mkFloat(Number(a) ** Number(b));
  return arith('**', a, b, (x, y) => x ** y);
}

export function neg(a: unknown): unknown {
  if (typeof a === 'number') return -a;
  return arith('-', 0, a, (_x, y) => -y);
}

export function pos(a: unknown): unknown {
  return arith('+', 0, a, (_x, y) => y);
}

/** `~`: both sides as Python `str`, an undefined side as ''. */
export function concat(a: unknown, b: unknown): string {
  return (typeof a === 'string' ? a : pyStr(a)) + (typeof b === 'string' ? b : pyStr(b));
}

/** `a in b`. */
export function contains(b: unknown, a: unknown): boolean {
  if (typeof b === 'string') return b.includes(typeof a === 'string' ? a : pyStr(a));
  if (Array.isArray(b)) return b.some((x) => pyEq(a, x));
  if (b instanceof Map || b instanceof Set) return b.has(a);
  // Jinja's Undefined iterates as empty, so `x in undefined_var` is false; None is not iterable.
  if (b === undefined) return false;
  if (b === null) throw new TypeError(`argument of type '${typeName(b)}' is not iterable`);
  if (typeof b === 'object') return Object.hasOwn(b, String(a));
  throw new TypeError(`argument of type '${typeName(b)}' is not iterable`);
}

function order(op: string, a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined || a === null || b === null) {
    throw new TypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  }
  const x = a as number;
  const y = b as number;
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

/** One comparison; chains (`a < b < c`) call it pairwise. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==' || op === '===') return pyEq(a, b);
  if (op === '!=' || op === '!==') return !pyEq(a, b);
  return order(op, a, b);
}

export { typeName };
