// Significant tokens that remember the whitespace before them, so rewrites keep the statement readable.
import { tokenize } from './sql-lexer.mjs';

/** @typedef {{ kind: string, text: string, pre: string }} Tok */

/** @returns {Tok[]} */
export function toTokList(sql) {
  const out = [];
  let pre = '';
  for (const t of tokenize(sql)) {
    if (t.kind === 'space') pre += t.text;
    else if (t.kind === 'comment') pre += ' ';
    else { out.push({ kind: t.kind, text: t.text, pre }); pre = ''; }
  }
  return out;
}

export function renderToks(toks) {
  return toks.map((t) => t.pre + t.text).join('').trim();
}

export const tok = (text, kind = 'word', pre = ' ') => ({ kind, text, pre });

export const isWord = (t, ...words) => !!t && t.kind === 'word' && (words.length === 0 || words.includes(t.text.toUpperCase()));
export const isPunct = (t, p) => !!t && t.kind === 'punct' && t.text === p;

/** Index of the `)` closing the `(` at `open`. */
export function closeParen(toks, open) {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (isPunct(toks[i], '(')) depth++;
    else if (isPunct(toks[i], ')') && --depth === 0) return i;
  }
  return toks.length - 1;
}

/** Split the tokens between `(` at `open` and its `)` into top-level comma-separated arguments. */
export function splitArgs(toks, open) {
  const close = closeParen(toks, open);
  const args = [];
  let cur = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = toks[i];
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ',')) { args.push(cur); cur = []; } else cur.push(t);
  }
  if (cur.length) args.push(cur);
  return { args, close };
}

/** Read a dotted name starting at `i`: returns its parts (Snowflake-resolved) and the index after it. */
export function readName(toks, i) {
  const parts = [];
  let j = i;
  while (toks[j] && (toks[j].kind === 'word' || toks[j].kind === 'quoted')) {
    const t = toks[j];
    parts.push(t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toUpperCase());
    if (isPunct(toks[j + 1], '.')) j += 2; else { j += 1; break; }
  }
  return { parts, next: j };
}
