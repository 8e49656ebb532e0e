// CREATE TABLE column lists as Snowflake treats them on a standard table: NOT NULL enforced; PRIMARY KEY, UNIQUE and
// FOREIGN KEY recorded but not enforced (so they are left out of the DuckDB DDL, which would enforce them; a primary
// key's columns still become NOT NULL, as Snowflake makes them). And `create table t (<columns>) as <query>`, which
// Snowflake accepts and DuckDB does not: split into a create and an insert, run together or not at all.
import { renderToks, tok, isWord, isPunct, closeParen, splitArgs } from './token-list.mjs';

/** Snowflake's constraint properties, which may follow any constraint (`not enforced`, `rely`, `on delete cascade` …). */
const PROPERTY_WORDS = new Set(['ENFORCED', 'DEFERRABLE', 'INITIALLY', 'DEFERRED', 'IMMEDIATE', 'ENABLE', 'DISABLE', 'VALIDATE', 'NOVALIDATE',
  'RELY', 'NORELY', 'MATCH', 'FULL', 'SIMPLE', 'PARTIAL']);
const FK_ACTIONS = new Set(['CASCADE', 'RESTRICT', 'SET', 'NULL', 'DEFAULT', 'NO', 'ACTION']);

/** Index of the `(` opening a CREATE TABLE's column list, or -1. */
function columnListStart(toks) {
  if (!isWord(toks[0], 'CREATE')) return -1;
  let i = toks.findIndex((t) => isPunct(t, '(') || isWord(t, 'AS'));
  const table = toks.findIndex((t) => isWord(t, 'TABLE'));
  if (table < 0 || (i >= 0 && table > i)) return -1;
  i = table + 1;
  if (isWord(toks[i], 'IF')) i += isWord(toks[i + 1], 'NOT') ? 3 : 2;
  while (toks[i] && (toks[i].kind === 'word' || toks[i].kind === 'quoted') && isPunct(toks[i + 1], '.')) i += 2;
  i++;
  return isPunct(toks[i], '(') ? i : -1;
}

/** Skip the constraint properties from `i`; returns the index of the first token that is not one. */
function skipProperties(toks, i) {
  for (;;) {
    if (isWord(toks[i], 'NOT') && isWord(toks[i + 1], 'ENFORCED', 'DEFERRABLE')) i += 2;
    else if (isWord(toks[i], 'ON') && isWord(toks[i + 1], 'UPDATE', 'DELETE')) {
      i += 2;
      while (toks[i] && toks[i].kind === 'word' && FK_ACTIONS.has(toks[i].text.toUpperCase())) i++;
    } else if (toks[i] && toks[i].kind === 'word' && PROPERTY_WORDS.has(toks[i].text.toUpperCase())) i++;
    else return i;
  }
}

/** End (exclusive) of `REFERENCES t [(cols)]` starting at `i`. */
function skipReferences(toks, i) {
  i++;
  while (toks[i] && (toks[i].kind === 'word' || toks[i].kind === 'quoted')) i += isPunct(toks[i + 1], '.') ? 2 : 1;
  return isPunct(toks[i], '(') ? closeParen(toks, i) + 1 : i;
}

/** The column names of a `(a, b)` list at `open`. */
function nameList(toks, open) {
  return splitArgs(toks, open).args.map((a) => nameKey(a[0]));
}

const nameKey = (t) => (t.kind === 'quoted' ? t.text.slice(1, -1) : t.text.toUpperCase());

/**
 * One element of the column list: a table constraint (dropped, or kept when it is CHECK) or a column definition
 * with its unenforced inline constraints removed. `pkColumns` collects the primary key's columns.
 */
function rewriteElement(el, pkColumns) {
  let start = 0;
  if (isWord(el[0], 'CONSTRAINT')) start = 2;
  if (isWord(el[start], 'PRIMARY', 'UNIQUE', 'FOREIGN')) {
    if (isWord(el[start], 'PRIMARY')) {
      const open = el.findIndex((t) => isPunct(t, '('));
      if (open >= 0) pkColumns.push(...nameList(el, open));
    }
    return undefined;
  }
  if (start) return el; // a named CHECK or another kept constraint
  if (isWord(el[0], 'CHECK')) return el;
  const out = [el[0]];
  let primary = false;
  for (let i = 1; i < el.length; i++) {
    let j = i;
    if (isWord(el[j], 'CONSTRAINT')) j += 2;
    if (isWord(el[j], 'PRIMARY') && isWord(el[j + 1], 'KEY')) { primary = true; i = skipProperties(el, j + 2) - 1; continue; }
    if (isWord(el[j], 'UNIQUE')) { i = skipProperties(el, j + 1) - 1; continue; }
    if (isWord(el[j], 'FOREIGN') && isWord(el[j + 1], 'KEY')) j += 2;
    if (isWord(el[j], 'REFERENCES')) { i = skipProperties(el, skipReferences(el, j)) - 1; continue; }
    if (j !== i) { out.push(...el.slice(i, j)); i = j - 1; continue; }
    out.push(el[i]);
  }
  if (primary) pkColumns.push(nameKey(el[0]));
  return out;
}

/** The column list of a CREATE TABLE with Snowflake's unenforced constraints taken out (see the file's comment). */
export function rewriteConstraints(toks) {
  const open = columnListStart(toks);
  if (open < 0) return toks;
  const { args, close } = splitArgs(toks, open);
  const pkColumns = [];
  const kept = args.map((el) => rewriteElement(el, pkColumns)).filter((el) => el && el.length);
  for (const el of kept) {
    if (isWord(el[0], 'CONSTRAINT', 'CHECK') || !pkColumns.includes(nameKey(el[0]))) continue;
    const hasNotNull = el.some((t, k) => isWord(t, 'NOT') && isWord(el[k + 1], 'NULL'));
    if (!hasNotNull) el.push(tok('NOT'), tok('NULL'));
  }
  const list = kept.flatMap((el, k) => (k === 0 ? el : [tok(',', 'punct', ''), ...el]));
  return [...toks.slice(0, open + 1), ...list, ...toks.slice(close)];
}

/**
 * `create … table t (<columns>) [options] as <query>` → `{ create, insert }` (Snowflake SQL, each translated on its
 * own): the table with its columns, then `insert into t <query>` (by position, as Snowflake fills the column list).
 * Undefined for any other statement.
 */
export function splitCreateTableAs(toks) {
  const open = columnListStart(toks);
  if (open < 0) return undefined;
  const close = closeParen(toks, open);
  let as = -1;
  for (let i = close + 1, depth = 0; i < toks.length && as < 0; i++) {
    if (isPunct(toks[i], '(')) depth++;
    else if (isPunct(toks[i], ')')) depth--;
    else if (depth === 0 && isWord(toks[i], 'AS')) as = i;
  }
  if (as < 0) return undefined;
  let body = toks.slice(as + 1);
  while (isPunct(body.at(-1), ';')) body = body.slice(0, -1);
  // `as (select …)`: DuckDB would read `insert into t (…)` as a column list, so the parentheses go.
  if (isPunct(body[0], '(') && closeParen(body, 0) === body.length - 1) body = body.slice(1, -1);
  const table = toks.findIndex((t) => isWord(t, 'TABLE'));
  let nameStart = table + 1;
  if (isWord(toks[nameStart], 'IF')) nameStart += isWord(toks[nameStart + 1], 'NOT') ? 3 : 2;
  return {
    create: renderToks(toks.slice(0, as)),
    insert: `insert into ${renderToks(toks.slice(nameStart, open))} ${renderToks(body)}`,
  };
}
