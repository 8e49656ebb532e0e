/** Python's str, list and dict methods, which dbt macros call on plain values (`'a'.upper()`, `d.items()`). */
import { braceFormat } from './py-format.js';
import { PyTuple, pyEq, pyStr } from './py-values.js';

export type PyMethod = (self: never, args: unknown[], kw: Record<string, unknown>) => unknown;
type Method<T> = (self: T, args: unknown[], kw: Record<string, unknown>) => unknown;

function stripChars(chars: unknown): string {
  return chars === undefined || chars === null ? ' \t\n\r\f\v' : String(chars);
}

function lstrip(s: string, chars: string): string {
  let i = 0;
  while (i < s.length && chars.includes(s[i]!)) i++;
  return s.slice(i);
}

function rstrip(s: string, chars: string): string {
  let i = s.length;
  while (i > 0 && chars.includes(s[i - 1]!)) i--;
  return s.slice(0, i);
}

function split(s: string, sep: unknown, max: unknown): string[] {
  const limit = max === undefined || max === null ? -1 : Number(max);
  if (sep === undefined || sep === null) {
    const parts = s.trim().split(/\s+/).filter(Boolean);
    if (limit < 0 || parts.length <= limit + 1) return parts;
    const head = parts.slice(0, limit);
    let rest = s.trim();
    for (const h of head) rest = rest.slice(rest.indexOf(h) + h.length).replace(/^\s+/, '');
    return [...head, rest];
  }
  const parts = s.split(String(sep));
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return [...parts.slice(0, limit), parts.slice(limit).join(String(sep))];
}

function prefixMatch(arg: unknown, test: (p: string) => boolean): boolean {
  return Array.isArray(arg) ? arg.some((p) => test(String(p))) : test(String(arg));
}

const str: Record<string, Method<string>> = {
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  title: (s) => s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, [c]) => rstrip(lstrip(s, stripChars(c)), stripChars(c)),
  lstrip: (s, [c]) => lstrip(s, stripChars(c)),
  rstrip: (s, [c]) => rstrip(s, stripChars(c)),
  split: (s, [sep, max], kw) => split(s, sep ?? kw.sep, max ?? kw.maxsplit),
  rsplit: (s, [sep, max], kw) => {
    const limit = max ?? kw.maxsplit;
    if (limit === undefined || sep === undefined) return split(s, sep ?? kw.sep, limit);
    const parts = s.split(String(sep));
    const n = Number(limit);
    return parts.length <= n + 1 ? parts : [parts.slice(0, parts.length - n).join(String(sep)), ...parts.slice(parts.length - n)];
  },
  splitlines: (s) => s.split(/\r?\n/).filter((_l, i, a) => i < a.length - 1 || a[i] !== ''),
  join: (s, [items]) => [...(items as Iterable<unknown>)].map(pyStr).join(s),
  replace: (s, [a, b, count]) => {
    if (count === undefined) return s.split(String(a)).join(String(b));
    const parts = s.split(String(a));
    const n = Number(count);
    return parts.slice(0, n + 1).join(String(b)) + (parts.length > n + 1 ? String(a) + parts.slice(n + 1).join(String(a)) : '');
  },
  startswith: (s, [p]) => prefixMatch(p, (x) => s.startsWith(x)),
  endswith: (s, [p]) => prefixMatch(p, (x) => s.endsWith(x)),
  find: (s, [sub, start]) => s.indexOf(String(sub), start === undefined ? 0 : Number(start)),
  rfind: (s, [sub]) => s.lastIndexOf(String(sub)),
  index: (s, [sub]) => {
    const i = s.indexOf(String(sub));
    if (i < 0) throw new Error('substring not found');
    return i;
  },
  count: (s, [sub]) => (String(sub) === '' ? s.length + 1 : s.split(String(sub)).length - 1),
  format: (s, args, kw) => braceFormat(s, args, kw),
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[a-zA-Z]+$/.test(s),
  isalnum: (s) => /^[a-zA-Z0-9]+$/.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  isidentifier: (s) => /^[A-Za-z_]\w*$/.test(s),
  zfill: (s, [w]) => (s.startsWith('-') ? '-' + s.slice(1).padStart(Number(w) - 1, '0') : s.padStart(Number(w), '0')),
  center: (s, [w, f]) => {
    const n = Number(w) - s.length;
    const fill = f === undefined ? ' ' : String(f);
    return n <= 0 ? s : fill.repeat(Math.floor(n / 2)) + s + fill.repeat(Math.ceil(n / 2));
  },
  ljust: (s, [w, f]) => s.padEnd(Number(w), f === undefined ? ' ' : String(f)),
  rjust: (s, [w, f]) => s.padStart(Number(w), f === undefined ? ' ' : String(f)),
  partition: (s, [sep]) => {
    const i = s.indexOf(String(sep));
    return i < 0 ? PyTuple.of(s, '', '') : PyTuple.of(s.slice(0, i), String(sep), s.slice(i + String(sep).length));
  },
  removeprefix: (s, [p]) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s),
  removesuffix: (s, [p]) => (String(p) && s.endsWith(String(p)) ? s.slice(0, -String(p).length) : s),
  encode: (s) => s,
  casefold: (s) => s.toLowerCase(),
};

function indexOf(list: unknown[], x: unknown): number {
  return list.findIndex((y) => pyEq(x, y));
}

const list: Record<string, Method<unknown[]>> = {
  append: (l, [x]) => void l.push(x),
  extend: (l, [xs]) => void l.push(...(xs as Iterable<unknown>)),
  insert: (l, [i, x]) => void l.splice(Number(i) < 0 ? l.length + Number(i) : Number(i), 0, x),
  pop: (l, [i]) => {
    if (l.length === 0) throw new Error('pop from empty list');
    if (i === undefined) return l.pop();
    const at = Number(i) < 0 ? l.length + Number(i) : Number(i);
    return l.splice(at, 1)[0];
  },
  remove: (l, [x]) => {
    const i = indexOf(l, x);
    if (i < 0) throw new Error('list.remove(x): x not in list');
    l.splice(i, 1);
  },
  index: (l, [x]) => {
    const i = indexOf(l, x);
    if (i < 0) throw new Error(`${pyStr(x)} is not in list`);
    return i;
  },
  count: (l, [x]) => l.filter((y) => pyEq(x, y)).length,
  reverse: (l) => void l.reverse(),
  sort: (l, _a, kw) => {
    l.sort((a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0));
    if (kw.reverse) l.reverse();
  },
  copy: (l) => l.slice(),
  clear: (l) => void l.splice(0),
};

type Dict = Record<string, unknown>;
const dict: Record<string, Method<Dict>> = {
  items: (d) => Object.keys(d).map((k) => PyTuple.of(k, d[k])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, [k, dflt]) => (Object.hasOwn(d, String(k)) ? d[String(k)] : dflt === undefined ? null : dflt),
  update: (d, [other], kw) => {
    if (other && typeof other === 'object') {
      if (Array.isArray(other)) for (const [k, v] of other as [string, unknown][]) d[k] = v;
      else Object.assign(d, other);
    }
    Object.assign(d, kw);
  },
  pop: (d, [k, dflt]) => {
    const key = String(k);
    if (!Object.hasOwn(d, key)) {
      if (dflt === undefined) throw new Error(`KeyError: ${pyStr(k)}`);
      return dflt;
    }
    const v = d[key];
    delete d[key];
    return v;
  },
  setdefault: (d, [k, dflt]) => {
    const key = String(k);
    if (!Object.hasOwn(d, key)) d[key] = dflt === undefined ? null : dflt;
    return d[key];
  },
  copy: (d) => ({ ...d }),
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
  },
};

export const pyMethods = { str, list, dict } as const;
