/** Jinja's built-in filters (and dbt's `as_bool`/`as_number`/`as_text`/`as_native`), with Python's semantics. */
import { pyJson } from './py-json.js';
import { pyMethods } from './py-methods.js';
import { isPlainObject, mkFloat, PyFloat, PyTuple, pyEq, pyRepr, pyStr, truthy } from './py-values.js';
import type { FilterFn, RenderState } from './render-state.js';
import { runtime as R } from './runtime.js';

type Kw = Record<string, unknown> | null;

function arg(args: unknown[], kw: Kw, i: number, name: string, dflt?: unknown): unknown {
  if (kw && Object.hasOwn(kw, name)) return kw[name];
  return i < args.length ? args[i] : dflt;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : pyStr(v);
}

/** `attribute='a.b'` or an index, as Jinja's make_attrgetter reads it. */
function getter(path: unknown): (v: unknown) => unknown {
  if (typeof path === 'number') return (v) => R.item(v, path);
  const parts = String(path).split('.');
  return (v) => parts.reduce((o, p) => (/^\d+$/.test(p) && Array.isArray(o) ? R.item(o, Number(p)) : R.attr(o, p)), v);
}

function sortKey(v: unknown, caseSensitive: boolean): unknown {
  if (v instanceof PyFloat) return v.valueOf();
  return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
}

function cmp(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** select/reject/selectattr/rejectattr: `test` is a test name applied through the engine's tests. */
function selectWith(S: RenderState, items: unknown, args: unknown[], keep: boolean, byAttr: boolean): unknown[] {
  const get = byAttr ? getter(args[0]) : (v: unknown) => v;
  const rest = byAttr ? args.slice(1) : args;
  const testName = rest[0] as string | undefined;
  const test = testName === undefined || !Object.hasOwn(S.env.tests, testName) ? undefined : S.env.tests[testName];
  if (testName !== undefined && !test) throw new Error(`no test named '${testName}'`);
  return R.iter(items).filter((v) => (test ? test(get(v), rest.slice(1), S) : truthy(get(v))) === keep);
}

/** Python's round(v, p) on the exact binary value: 2.675 → 2.67 (it is 2.67499…), exact halves to even. */
function halfEven(v: number, precision: number): number {
  const exact = Math.abs(v).toFixed(Math.min(100, precision + 40));
  const [int, frac = ''] = exact.split('.');
  const rest = frac.slice(precision);
  const tie = /^50*$/.test(rest);
  const kept = Number(`${int}.${frac.slice(0, precision) || '0'}`);
  const step = 10 ** -precision;
  const lastDigit = Number((int + frac.slice(0, precision)).slice(-1));
  const up = rest[0]! > '5' || (rest[0] === '5' && (!tie || lastDigit % 2 === 1));
  const r = up ? kept + step : kept;
  return Math.sign(v) * Number(r.toFixed(precision));
}

/** Jinja's round: Python's round() (halves to even), a float unless the input was an int. */
function round(v: unknown, args: unknown[], kw: Kw): unknown {
  const precision = Number(arg(args, kw, 0, 'precision', 0));
  const method = String(arg(args, kw, 1, 'method', 'common'));
  const f = 10 ** precision;
  const x = Number(v) * f;
  let r: number;
  if (method === 'ceil') r = Math.ceil(x);
  else if (method === 'floor') r = Math.floor(x);
  else r = halfEven(Number(v), precision) * f;
  const out = r / f;
  return typeof v === 'number' && Number.isInteger(v) && method === 'common' ? out : mkFloat(out);
}

function unique(v: unknown, args: unknown[], kw: Kw): unknown[] {
  const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false));
  const get = kw?.attribute === undefined ? (x: unknown) => x : getter(kw.attribute);
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const x of R.iter(v)) {
    const key = sortKey(get(x), caseSensitive);
    if (!seen.some((s) => pyEq(s, key))) {
      seen.push(key);
      out.push(x);
    }
  }
  return out;
}

function extreme(v: unknown, args: unknown[], kw: Kw, sign: number): unknown {
  const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false));
  const get = kw?.attribute === undefined ? (x: unknown) => x : getter(kw.attribute);
  const items = R.iter(v);
  if (!items.length) return undefined;
  return items.reduce((best, x) => (sign * cmp(sortKey(get(x), caseSensitive), sortKey(get(best), caseSensitive)) > 0 ? x : best));
}

function sort(v: unknown, args: unknown[], kw: Kw): unknown[] {
  const reverse = truthy(arg(args, kw, 0, 'reverse', false));
  const caseSensitive = truthy(arg(args, kw, 1, 'case_sensitive', false));
  const attribute = arg(args, kw, 2, 'attribute');
  const get = attribute === undefined ? (x: unknown) => x : getter(attribute);
  const out = [...R.iter(v)].sort((a, b) => cmp(sortKey(get(a), caseSensitive), sortKey(get(b), caseSensitive)));
  return reverse ? out.reverse() : out;
}

function mapFilter(v: unknown, args: unknown[], kw: Kw, S: RenderState): unknown[] {
  const items = R.iter(v);
  if (kw && kw.attribute !== undefined) {
    const get = getter(kw.attribute);
    return items.map((x) => {
      const r = get(x);
      return r === undefined && kw.default !== undefined ? kw.default : r;
    });
  }
  const name = String(args[0]);
  const f = Object.hasOwn(S.env.filters, name) ? S.env.filters[name] : undefined;
  if (!f) throw new Error(`no filter named '${name}'`);
  const { attribute: _a, ...rest } = kw ?? {};
  return items.map((x) => f(x, args.slice(1), Object.keys(rest).length ? rest : null, S));
}

function batch(v: unknown, args: unknown[]): unknown[][] {
  const size = Number(args[0]);
  const out: unknown[][] = [];
  for (const x of R.iter(v)) {
    if (!out.length || out[out.length - 1]!.length === size) out.push([]);
    out[out.length - 1]!.push(x);
  }
  if (args[1] !== undefined && out.length) while (out[out.length - 1]!.length < size) out[out.length - 1]!.push(args[1]);
  return out;
}

function indent(v: unknown, args: unknown[], kw: Kw): string {
  const w = arg(args, kw, 0, 'width', 4);
  const pad = typeof w === 'string' ? w : ' '.repeat(Number(w));
  const first = truthy(arg(args, kw, 1, 'first', false));
  const blank = truthy(arg(args, kw, 2, 'blank', false));
  const lines = str(v).split('\n');
  return lines.map((l, i) => ((i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l)).join('\n');
}

function truncate(v: unknown, args: unknown[], kw: Kw): string {
  const s = str(v);
  const length = Number(arg(args, kw, 0, 'length', 255));
  const killwords = truthy(arg(args, kw, 1, 'killwords', false));
  const end = String(arg(args, kw, 2, 'end', '...'));
  const leeway = Number(arg(args, kw, 3, 'leeway', 5));
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const cut = s.slice(0, length - end.length).split(' ').slice(0, -1).join(' ');
  return cut + end;
}

function escapeHtml(v: unknown): string {
  return str(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

function asNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const n = Number(v);
  return Number.isNaN(n) || v.trim() === '' ? v : /[.eE]/.test(v) ? mkFloat(n) : n;
}

function asNative(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === 'True' || t === 'False') return t === 'True';
  if (t === 'None') return null;
  const n = asNumber(t);
  if (n !== t) return n;
  try {
    return JSON.parse(t.replace(/'/g, '"'));
  } catch {
    return v;
  }
}

const pm = pyMethods.str;
export const builtinFilters: Record<string, FilterFn> = {
  abs: (v) => (v instanceof PyFloat ? mkFloat(Math.abs(Number(v))) : Math.abs(Number(v))),
  attr: (v, [name]) => R.attr(v, String(name)),
  batch: (v, a) => batch(v, a),
  capitalize: (v) => pm.capitalize!(str(v), [], {}),
  center: (v, [w]) => pm.center!(str(v), [w ?? 80], {}),
  count: (v) => R.iter(v).length,
  default: (v, args, kw) => {
    const dflt = arg(args, kw, 0, 'default_value', '');
    return v === undefined || (truthy(arg(args, kw, 1, 'boolean', false)) && !truthy(v)) ? dflt : v;
  },
  dictsort: (v, args, kw) => {
    const byValue = arg(args, kw, 1, 'by', 'key') === 'value';
    const reverse = truthy(arg(args, kw, 2, 'reverse', false));
    const cs = truthy(arg(args, kw, 0, 'case_sensitive', false));
    const items = Object.entries(v as object).map(([k, x]) => PyTuple.of(k, x));
    items.sort((a, b) => cmp(sortKey(a[byValue ? 1 : 0], cs), sortKey(b[byValue ? 1 : 0], cs)));
    return reverse ? items.reverse() : items;
  },
  escape: escapeHtml,
  first: (v) => (typeof v === 'string' ? v[0] : R.iter(v)[0]),
  float: (v, args) => {
    const n = Number(v instanceof PyFloat ? v.valueOf() : v);
    return Number.isNaN(n) ? mkFloat(Number(args[0] ?? 0)) : mkFloat(n);
  },
  forceescape: escapeHtml,
  format: (v, args, kw) => R.mod(str(v), kw && Object.keys(kw).length ? kw : PyTuple.of(...args)),
  groupby: (v, args, kw) => {
    const get = getter(arg(args, kw, 0, 'attribute'));
    const groups: { grouper: unknown; list: unknown[] }[] = [];
    for (const x of sort(v, [], { attribute: arg(args, kw, 0, 'attribute') })) {
      const key = get(x);
      const g = groups.find((gr) => pyEq(gr.grouper, key));
      if (g) g.list.push(x);
      else groups.push({ grouper: key, list: [x] });
    }
    return groups.map((g) => Object.assign(PyTuple.of(g.grouper, g.list), g));
  },
  indent,
  int: (v, args) => {
    const n = typeof v === 'string' ? parseInt(v, Number(args[1] ?? 10)) : Math.trunc(Number(v));
    return Number.isNaN(n) ? Number(args[0] ?? 0) : n;
  },
  items: (v) => (v === undefined ? [] : pyMethods.dict.items!(v as Record<string, unknown>, [], {})),
  join: (v, args, kw) => {
    const get = kw?.attribute === undefined ? (x: unknown) => x : getter(kw.attribute);
    return R.iter(v).map((x) => str(get(x))).join(str(arg(args, kw, 0, 'd', '')));
  },
  last: (v) => {
    const items = R.iter(v);
    return items[items.length - 1];
  },
  length: (v) => (typeof v === 'string' ? v.length : R.iter(v).length),
  list: (v) => [...R.iter(v)],
  lower: (v) => str(v).toLowerCase(),
  map: mapFilter,
  max: (v, a, kw) => extreme(v, a, kw, 1),
  min: (v, a, kw) => extreme(v, a, kw, -1),
  pprint: (v) => pyRepr(v),
  random: (v) => {
    const items = R.iter(v);
    return items[Math.floor(Math.random() * items.length)];
  },
  reject: (v, a, _kw, S) => selectWith(S, v, a, false, false),
  rejectattr: (v, a, _kw, S) => selectWith(S, v, a, false, true),
  replace: (v, args) => pm.replace!(str(v), args, {}),
  reverse: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...R.iter(v)].reverse()),
  round: (v, a, kw) => round(v, a, kw),
  safe: (v) => v,
  select: (v, a, _kw, S) => selectWith(S, v, a, true, false),
  selectattr: (v, a, _kw, S) => selectWith(S, v, a, true, true),
  slice: (v, [n, fill]) => {
    const items = R.iter(v);
    const slices = Number(n);
    const per = Math.floor(items.length / slices);
    const extra = items.length % slices;
    const out: unknown[][] = [];
    let at = 0;
    for (let i = 0; i < slices; i++) {
      const size = per + (i < extra ? 1 : 0);
      const part = items.slice(at, at + size);
      at += size;
      if (fill !== undefined && i >= extra && extra) part.push(fill);
      out.push(part);
    }
    return out;
  },
  sort,
  string: (v) => str(v),
  striptags: (v) => str(v).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
  sum: (v, args, kw) => {
    const get = kw?.attribute === undefined ? (x: unknown) => x : getter(kw.attribute);
    return R.iter(v).reduce((acc, x) => R.add(acc, get(x)), arg(args, kw, 1, 'start', 0));
  },
  title: (v) => pm.title!(str(v), [], {}),
  tojson: (v, args, kw) => pyJson(v, { sortKeys: true, indent: arg(args, kw, 0, 'indent') as number | undefined, htmlSafe: true }),
  trim: (v, args) => pm.strip!(str(v), args, {}),
  truncate,
  unique,
  upper: (v) => str(v).toUpperCase(),
  urlencode: (v) => (isPlainObject(v) ? Object.entries(v).map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(str(x))}`).join('&') : encodeURIComponent(str(v))),
  wordcount: (v) => str(v).split(/\s+/).filter(Boolean).length,
  xmlattr: (v) => Object.entries(v as object).filter(([, x]) => x !== undefined && x !== null).map(([k, x]) => ` ${k}="${escapeHtml(x)}"`).join(''),
  as_bool: (v) => (typeof v === 'string' ? asNative(v) : v),
  as_native: asNative,
  as_number: asNumber,
  as_text: (v) => (v === null || v === undefined ? '' : str(v)),
};
builtinFilters.d = builtinFilters.default!;
builtinFilters.e = builtinFilters.escape!;
