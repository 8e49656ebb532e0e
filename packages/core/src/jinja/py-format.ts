/** Python string formatting: `'%s' % x`, `'{}'.format(x)` and the format-spec mini language they share. */
import { isPlainObject, PyFloat, pyRepr, pyStr } from './py-values.js';

function num(v: unknown): number {
  return v instanceof PyFloat ? v.valueOf() : Number(v);
}

function pad(s: string, width: number, align: string, fill: string): string {
  if (s.length >= width) return s;
  const n = width - s.length;
  if (align === '<') return s + fill.repeat(n);
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + s + fill.repeat(Math.ceil(n / 2));
  if (align === '=') {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + fill.repeat(n) + s.slice(sign.length);
  }
  return fill.repeat(n) + s;
}

function groupThousands(s: string, sep: string): string {
  const [int, frac] = s.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** Applies a format spec (`>10`, `.2f`, `,d`, `05`) to one value. */
export function formatSpec(value: unknown, spec: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw new Error(`Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, sign, , zero, widthS, group, precS, type] = m;
  const isNum = typeof value === 'number' || value instanceof PyFloat;
  const prec = precS === undefined ? undefined : Number(precS);
  let s: string;
  const n = num(value);
  switch (type) {
    case 'd': case 'n': s = String(Math.trunc(n)); break;
    case 'f': case 'F': s = n.toFixed(prec ?? 6); break;
    case 'e': case 'E': s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
    case '%': s = (n * 100).toFixed(prec ?? 6) + '%'; break;
    case 'x': s = Math.trunc(n).toString(16); break;
    case 'X': s = Math.trunc(n).toString(16).toUpperCase(); break;
    case 'o': s = Math.trunc(n).toString(8); break;
    case 'b': s = Math.trunc(n).toString(2); break;
    case 'c': s = String.fromCharCode(n); break;
    case 'g': case 'G': s = prec === undefined ? pyStr(value) : String(Number(n.toPrecision(prec))); break;
    default: s = pyStr(value); if (prec !== undefined && !isNum) s = s.slice(0, prec);
  }
  if (type === 'E') s = s.toUpperCase();
  if (group) s = groupThousands(s, group);
  if (sign === '+' && isNum && n >= 0) s = '+' + s;
  if (sign === ' ' && isNum && n >= 0) s = ' ' + s;
  const width = widthS === undefined ? 0 : Number(widthS);
  const align = alignCh ?? (zero ? '=' : isNum ? '>' : '<');
  return pad(s, width, align, fillCh ?? (zero ? '0' : ' '));
}

const PERCENT = /%(?:\(([^)]*)\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

/** `'a %s b' % args` as Python formats it. */
export function percentFormat(fmt: string, args: unknown): string {
  const positional = Array.isArray(args) ? args : [args];
  const named = isPlainObject(args) ? args : undefined;
  let i = 0;
  return fmt.replace(PERCENT, (_all, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const value = key !== undefined && named ? named[key] : positional[i++];
    let s: string;
    const n = num(value);
    switch (conv) {
      case 'd': case 'i': case 'u': s = String(Math.trunc(n)); break;
      case 'f': case 'F': s = n.toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': case 'E': s = formatSpec(value, `.${prec ?? 6}${conv}`); break;
      case 'g': case 'G': s = formatSpec(value, prec === undefined ? 'g' : `.${prec}g`); break;
      case 'x': case 'X': case 'o': s = formatSpec(value, conv); break;
      case 'c': s = typeof value === 'string' ? value : String.fromCharCode(n); break;
      case 'r': case 'a': s = pyRepr(value); break;
      default: s = pyStr(value); if (prec !== undefined) s = s.slice(0, Number(prec));
    }
    if (flags.includes('+') && typeof value === 'number' && n >= 0) s = '+' + s;
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if (flags.includes('-')) return pad(s, w, '<', ' ');
    return pad(s, w, flags.includes('0') ? '=' : '>', flags.includes('0') ? '0' : ' ');
  });
}

function fieldValue(field: string, args: unknown[], kwargs: Record<string, unknown>, auto: { i: number }): unknown {
  const m = /^([^.[]*)(.*)$/.exec(field)!;
  const head = m[1]!;
  let v: unknown = head === '' ? args[auto.i++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
  for (const part of m[2]!.matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
    const key = part[1] ?? part[2]!;
    v = (v as Record<string, unknown> | undefined)?.[/^\d+$/.test(key) && Array.isArray(v) ? Number(key) : key];
  }
  return v;
}

/** `'{} and {name:>5}'.format(...)` as Python formats it. */
export function braceFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  const auto = { i: 0 };
  return fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, inner: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/.exec(inner!)!;
    const v = fieldValue(m[1]!, args, kwargs, auto);
    if (m[2] === 'r' || m[2] === 'a') return formatSpec(pyRepr(v), m[3] ?? '');
    return m[3] ? formatSpec(v, m[3]) : pyStr(v);
  });
}
