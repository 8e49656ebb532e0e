// A small SQL tokenizer: enough to rewrite Snowflake statements without touching string literals or comments.

/** @typedef {{ kind: 'word'|'quoted'|'string'|'number'|'punct'|'space'|'comment'|'param'|'dollar', text: string }} Token */

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const NUMBER = /\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?/y;
const SPACE = /\s+/y;

function readUntil(sql, start, close, escapeDouble) {
  let i = start + 1;
  for (;;) {
    const j = sql.indexOf(close, i);
    if (j < 0) return sql.length;
    if (close === "'" && sql[j - 1] === '\\' && !escapeDouble) {
      // Snowflake accepts backslash escapes inside string literals.
      let backslashes = 0;
      for (let k = j - 1; sql[k] === '\\'; k--) backslashes++;
      if (backslashes % 2 === 1) { i = j + 1; continue; }
    }
    if (sql[j + 1] === close) { i = j + 2; continue; }
    return j + 1;
  }
}

function match(re, sql, i) {
  re.lastIndex = i;
  const m = re.exec(sql);
  return m ? m[0] : undefined;
}

/** @param {string} sql @returns {Token[]} */
export function tokenize(sql) {
  /** @type {Token[]} */
  const out = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const two = sql.slice(i, i + 2);
    let text;
    let kind;
    if ((text = match(SPACE, sql, i))) kind = 'space';
    else if (two === '--' || two === '//') { const e = sql.indexOf('\n', i); text = sql.slice(i, e < 0 ? sql.length : e); kind = 'comment'; }
    else if (two === '/*') { const e = sql.indexOf('*/', i + 2); text = sql.slice(i, e < 0 ? sql.length : e + 2); kind = 'comment'; }
    else if (two === '$$') { const e = sql.indexOf('$$', i + 2); text = sql.slice(i, e < 0 ? sql.length : e + 2); kind = 'dollar'; }
    else if (c === "'") { text = sql.slice(i, readUntil(sql, i, "'", false)); kind = 'string'; }
    else if (c === '"') { text = sql.slice(i, readUntil(sql, i, '"', true)); kind = 'quoted'; }
    else if (c === '?') { text = '?'; kind = 'param'; }
    else if (c === ':' && /\d/.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') { text = ':' + /\d+/.exec(sql.slice(i + 1))[0]; kind = 'param'; }
    else if ((text = match(WORD, sql, i))) kind = 'word';
    else if ((text = match(NUMBER, sql, i))) kind = 'number';
    else if (['::', '<=', '>=', '<>', '!=', '||', '=>'].includes(two)) { text = two; kind = 'punct'; }
    else { text = c; kind = 'punct'; }
    out.push({ kind, text });
    i += text.length;
  }
  return out;
}

/** Tokens without whitespace and comments, for pattern matching. */
export function significant(tokens) {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

export function render(tokens) {
  return tokens.map((t) => t.text).join('');
}

/** Upper-case word text for keyword comparisons. */
export function kw(token) {
  return token && token.kind === 'word' ? token.text.toUpperCase() : undefined;
}

/** Split a script on top-level semicolons (the driver sends one statement, but scripts arrive from users). */
export function splitStatements(sql) {
  const parts = [];
  let current = [];
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') { parts.push(current); current = []; }
    else current.push(t);
  }
  parts.push(current);
  return parts.map(render).filter((s) => significant(tokenize(s)).length > 0);
}

/** Unquote a Snowflake identifier: unquoted upper-cases, quoted keeps its text. */
export function identName(token) {
  if (token.kind === 'quoted') return token.text.slice(1, -1).replace(/""/g, '"');
  return token.text.toUpperCase();
}
