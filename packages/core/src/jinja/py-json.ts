/** `json.dumps` as Python writes it: `{"a": 1}` with spaces, `1.0` for floats, ASCII only. */
import { isPlainObject, PyFloat, pyStr } from './py-values.js';

export interface JsonOptions {
  sortKeys?: boolean;
  indent?: number | string;
  /** Jinja's tojson filter escapes <, >, & and ' so the output is safe inside HTML. */
  htmlSafe?: boolean;
}

function quote(s: string, htmlSafe: boolean): string {
  let out = JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (htmlSafe) out = out.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027');
  return out;
}

function number(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return pyStr(n);
}

export function pyJson(value: unknown, opts: JsonOptions = {}): string {
  const indent = opts.indent === undefined || opts.indent === null ? undefined : typeof opts.indent === 'number' ? ' '.repeat(opts.indent) : opts.indent;
  const walk = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return quote(v, Boolean(opts.htmlSafe));
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof PyFloat) return pyStr(v);
    if (typeof v === 'number') return number(v);
    if (v instanceof Date) return quote(v.toISOString(), Boolean(opts.htmlSafe));
    const toJSON = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function' && !Array.isArray(v)) return walk(toJSON.call(v), depth);
    const items: string[] = [];
    const isList = Array.isArray(v);
    if (isList) for (const x of v) items.push(walk(x, depth + 1));
    else {
      const obj = v instanceof Map ? Object.fromEntries(v) : isPlainObject(v) ? v : { ...(v as object) };
      const keys = Object.keys(obj);
      if (opts.sortKeys) keys.sort();
      for (const k of keys) items.push(`${quote(k, Boolean(opts.htmlSafe))}: ${walk((obj as Record<string, unknown>)[k], depth + 1)}`);
    }
    const [open, close] = isList ? ['[', ']'] : ['{', '}'];
    if (!items.length) return open + close;
    if (indent === undefined) return open + items.join(', ') + close;
    const pad = '\n' + indent.repeat(depth + 1);
    return open + pad + items.join(',' + pad) + '\n' + indent.repeat(depth) + close;
  };
  return walk(value, 0);
}
