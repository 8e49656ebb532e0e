// `KEY = value` option lists of stage, file format and COPY statements, and stage references (`@name/path`).
import { toTokList, isPunct, closeParen } from './token-list.mjs';

const unquote = (t) => (t.kind === 'string' ? t.text.slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, '\\') : t.text.toUpperCase());

/** Parse `A = x B = (C = y D = ('p', 'q'))` into a nested object with upper-case keys. */
export function parseOptions(text) {
  return parseToks(toTokList(text), 0, undefined).value;
}

function parseToks(toks, start, end) {
  const out = {};
  let i = start;
  const stop = end ?? toks.length;
  while (i < stop) {
    const key = toks[i];
    if (key.kind !== 'word' || !isPunct(toks[i + 1], '=')) { i++; continue; }
    const v = toks[i + 2];
    if (isPunct(v, '(')) {
      const close = closeParen(toks, i + 2);
      const inner = toks.slice(i + 3, close);
      out[key.text.toUpperCase()] = inner.some((t, k) => t.kind === 'word' && isPunct(inner[k + 1], '='))
        ? parseToks(toks, i + 3, close).value
        : inner.filter((t) => !isPunct(t, ',')).map(unquote);
      i = close + 1;
    } else {
      out[key.text.toUpperCase()] = v ? unquote(v) : undefined;
      i += 3;
    }
  }
  return { value: out };
}

/**
 * A stage reference: `@~/p`, `@%table/p`, `@db.schema.stage/p`, optionally quoted.
 * @returns {{ kind: 'user'|'table'|'named', name: string[], path: string } | undefined}
 */
export function parseStageRef(ref) {
  const m = /^'?@(~|(?:(?:"[^"]+"|[A-Za-z0-9_$]+)\.){0,2}%?(?:"[^"]+"|[A-Za-z0-9_$]+))(\/[^'\s]*)?'?$/.exec(ref.trim());
  if (!m) return undefined;
  const path = (m[2] ?? '').replace(/^\/+/, '');
  if (m[1] === '~') return { kind: 'user', name: [], path };
  const table = m[1].includes('%');
  const name = m[1].replace('%', '').match(/"[^"]+"|[^.]+/g).map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toUpperCase()));
  return { kind: table ? 'table' : 'named', name, path };
}
