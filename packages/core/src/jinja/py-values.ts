/** Python-flavoured values a Jinja template sees: floats that print `1.0`, tuples, namespaces, and how they print. */

/** An integral float (`1.0`, `10 / 5`): JS numbers lose the distinction, so only these are boxed. */
export class PyFloat extends Number {}

/** A Python tuple: an array that prints `(a, b)`. */
export class PyTuple<T = unknown> extends Array<T> {
  static override of<T>(...items: T[]): PyTuple<T> {
    const t = new PyTuple<T>();
    t.push(...items);
    return t;
  }
}

/** Jinja's `namespace(...)`: the one object `{% set ns.attr = ... %}` may write to. */
export class Namespace {
  [key: string]: unknown;
  constructor(init?: Record<string, unknown>) {
    if (init) Object.assign(this, init);
  }
}

/** A float result: boxed when integral so it still prints `2.0`. */
export function mkFloat(n: number): number {
  return Number.isInteger(n) ? (new PyFloat(n) as unknown as number) : n;
}

export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v));
}

/** Turns boxed template values back into plain JS (for functions written in TypeScript). */
export function toJs(v: unknown): unknown {
  if (v instanceof PyFloat) return v.valueOf();
  return v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Python truthiness: empty lists, dicts and strings are false. */
export function truthy(v: unknown): boolean {
  if (v === true) return true;
  if (!v) return false;
  if (typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyFloat) return v.valueOf() !== 0;
  if (isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  return true;
}

function hasOwnToString(v: object): boolean {
  for (let p = Object.getPrototypeOf(v); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, 'toString')) return true;
  }
  return Object.hasOwn(v, 'toString') && typeof (v as { toString: unknown }).toString === 'function';
}

function numStr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  // Python writes exponents with at least two digits: 1e-07.
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

function floatStr(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return n.toFixed(1);
  return numStr(n);
}

/** `str(v)` as Python (and Jinja's `{{ }}`) prints it. */
export function pyStr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return numStr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return '';
    case 'bigint':
      return String(v);
    case 'function':
      return `<function ${(v as { name?: string }).name || 'anonymous'}>`;
    default:
      return objectStr(v as object | null);
  }
}

function objectStr(v: object | null): string {
  if (v === null) return 'None';
  if (v instanceof PyFloat) return floatStr(v.valueOf());
  if (v instanceof PyTuple) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (v instanceof Set) return v.size ? `{${[...v].map(pyRepr).join(', ')}}` : 'set()';
  if (v instanceof Namespace) return `<Namespace ${dictStr(v as Record<string, unknown>)}>`;
  if (hasOwnToString(v)) return String(v);
  if (isPlainObject(v)) return dictStr(v);
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  return dictStr(v as Record<string, unknown>);
}

function dictStr(v: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of Object.keys(v)) parts.push(`${pyRepr(k)}: ${pyRepr(v[k])}`);
  return `{${parts.join(', ')}}`;
}

/** `repr(v)`: strings quoted as Python quotes them; everything else as `str`. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return strRepr(v);
  if (v === undefined) return 'None';
  return pyStr(v);
}

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === quote) out += '\\' + ch;
    else out += ch;
  }
  return quote + out + quote;
}

/** Python `==`: by value for lists and dicts, `1 == 1.0`. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof PyFloat) a = a.valueOf();
  if (b instanceof PyFloat) b = b.valueOf();
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k]));
  }
  const va = (a as { valueOf(): unknown }).valueOf();
  const vb = (b as { valueOf(): unknown }).valueOf();
  return va !== a && va === vb;
}
