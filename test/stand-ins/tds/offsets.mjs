// DATETIMEOFFSET offsets. DuckDB's TIMESTAMPTZ stores the instant only, so each declared datetimeoffset column X
// gets a hidden SMALLINT column `__tds_offset_X` beside it (minutes east of UTC). The catalog never reports the
// hidden columns, `DATEPART(TZOFFSET, X)` reads them, and a result column X is sent with its row's offset.
import { tokenize } from './rewrite.mjs';

export const OFFSET_PREFIX = '__tds_offset_';
export const offsetColumn = (name) => `${OFFSET_PREFIX}${name}`;
export const isOffsetColumn = (name) => String(name).toLowerCase().startsWith(OFFSET_PREFIX);

const q = (id) => `"${String(id).replace(/"/g, '""')}"`;
const unquote = (t) => (t.startsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t);
const blank = (t) => /^\s+$/.test(t ?? '');

/**
 * `DATEPART(TZOFFSET, [t.]X)` (also `tz`) at `tokens[i]` as a read of X's hidden offset column (NULL when X is NULL,
 * an int as SQL Server's DATEPART returns). `tokens` are T-SQL tokens; returns { sql, end } or undefined.
 */
export function datepartOffset(tokens, i, quoteName) {
  const at = [];
  for (let j = i + 1; j < tokens.length && at.length < 4; j++) if (!blank(tokens[j])) at.push(j);
  const [open, part, comma, first] = at.map((j) => tokens[j]);
  if (open !== '(' || !/^(tzoffset|tz)$/i.test(part ?? '') || comma !== ',' || !first) return undefined;
  // The column: name, or qualifier.name (bracketed, quoted or bare), then ')'.
  let j = at[3];
  const parts = [quoteName(tokens[j])];
  while (tokens[j + 1] === '.' && tokens[j + 2]) {
    parts.push(quoteName(tokens[j + 2]));
    j += 2;
  }
  let k = j + 1;
  while (blank(tokens[k])) k++;
  if (tokens[k] !== ')') return undefined;
  const name = unquote(parts.pop());
  const prefix = parts.map((p) => `${p}.`).join('');
  const sql = `CAST(CASE WHEN ${prefix}${q(name)} IS NOT NULL THEN coalesce(${prefix}${q(offsetColumn(name))}, 0) END AS INTEGER)`;
  return { sql, end: k };
}

/**
 * For a plain one-table SELECT (DuckDB SQL), appends the hidden offset column of every declared datetimeoffset
 * column the select list names bare, so its values can go out with their offsets. Anything else (DISTINCT, GROUP BY,
 * set operations, a `*`, which already includes them) is left alone.
 */
export function withOffsetColumns(sql, declared) {
  const dto = [...declared].filter(([, t]) => t.name === 'datetimeoffset').map(([name]) => name);
  if (!dto.length) return sql;
  const tokens = tokenize(sql);
  const words = tokens.filter((t) => !blank(t));
  if (words[0]?.toUpperCase() !== 'SELECT' || words[1]?.toUpperCase() === 'DISTINCT') return sql;
  if (/\b(GROUP\s+BY|UNION|INTERSECT|EXCEPT)\b/i.test(sql)) return sql;
  let depth = 0;
  let from = -1;
  const items = [[]];
  for (let i = tokens.indexOf(tokens.find((t) => !blank(t))) + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (depth === 0 && t.toUpperCase() === 'FROM') { from = i; break; }
    else if (depth === 0 && t === ',') { items.push([]); continue; }
    if (!blank(t)) items[items.length - 1].push(t);
  }
  if (from < 0) return sql;
  const named = new Set(items.filter((it) => it.length === 1).map((it) => unquote(it[0]).toLowerCase()));
  const add = dto.filter((name) => named.has(name) && !named.has(offsetColumn(name).toLowerCase()));
  if (!add.length) return sql;
  const extra = add.map((name) => `, ${q(offsetColumn(name))}`).join('');
  return `${tokens.slice(0, from).join('').trimEnd()}${extra} ${tokens.slice(from).join('')}`;
}

/**
 * Which result columns go to the client (hidden offset columns do not) and, per sent column, the result column
 * holding its offset (undefined: none, the offset is +00:00).
 */
export function offsetLayout(names, types) {
  const at = [];
  const offsetAt = [];
  const byName = new Map(names.map((n, i) => [String(n).toLowerCase(), i]));
  names.forEach((name, i) => {
    if (isOffsetColumn(name)) return;
    at.push(i);
    offsetAt.push(types[i].name === 'datetimeoffset' ? byName.get(offsetColumn(name).toLowerCase()) : undefined);
  });
  return { at, offsetAt };
}
