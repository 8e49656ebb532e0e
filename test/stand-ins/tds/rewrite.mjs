// The small set of T-SQL → DuckDB rewrites for the statements ingest (and tedious/mssql) actually send.
// Not a transpiler: anything else passes through unchanged and DuckDB's own error comes back as a TDS error.
import { datepartOffset } from './offsets.mjs';

const TOKEN = /N'(?:[^']|'')*'|'(?:[^']|'')*'|\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|@@?\w+|[A-Za-z_][\w$#]*|\d+(?:\.\d+)?|\s+|./gy;

/** Splits T-SQL into tokens; strings, bracketed names and comments stay whole. */
export function tokenize(sql) {
  const out = [];
  TOKEN.lastIndex = 0;
  let m;
  while (TOKEN.lastIndex < sql.length && (m = TOKEN.exec(sql))) out.push(m[0]);
  return out;
}

/**
 * Rewrites one T-SQL statement for DuckDB. `paramNames` lists the sp_executesql parameters in declaration order
 * (`@p1` → `$1`). Returns { kind: 'set' | 'query', sql }.
 */
export function rewriteTsql(sql, paramNames = []) {
  const tokens = tokenize(sql.trim().replace(/;\s*$/, ''));
  const first = tokens.find((t) => !/^\s|^--|^\/\*/.test(t))?.toUpperCase();
  if (first === 'SET' || first === undefined) return { kind: 'set', sql: '' };
  const out = [];
  let limit;
  let offset;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const upper = t.toUpperCase();
    if (t.startsWith("N'") || t.startsWith("n'")) out.push(t.slice(1));
    else if (t.startsWith('[')) out.push(duckName(t));
    else if (t.startsWith('@@')) out.push(globalVariable(upper));
    else if (t.startsWith('@')) out.push(param(t, paramNames));
    else if (upper === 'TOP' && lastWord(out) === 'SELECT') i = takeTop(tokens, i, (n) => (limit = n));
    else if (upper === 'COUNT_BIG') out.push('COUNT');
    else if (upper === 'DATEPART' && (offset = datepartOffset(tokens, i, duckName))) {
      out.push(offset.sql);
      i = offset.end;
    }
    else if (upper === 'DATETIME2' && tokens[i + 1] === '(' && /^\d+$/.test(tokens[i + 2] ?? '') && tokens[i + 3] === ')') {
      out.push('TIMESTAMP'); // DuckDB's TIMESTAMP holds microseconds: datetime2(7)'s last digit is not kept.
      i += 3;
    } else if (upper === 'WITH' && /^\(\s*NOLOCK\s*\)$/i.test(peekGroup(tokens, i))) i = skipGroup(tokens, i);
    else if ((upper === 'INFORMATION_SCHEMA' || upper === 'SYS') && tokens[i + 1] === '.') {
      out.push(`tds_catalog.${upper === 'SYS' ? 'sys_' : ''}${unbracket(tokens[i + 2]).toLowerCase()}`);
      i += 2;
    } else out.push(t);
  }
  let text = out.join('');
  if (limit !== undefined) text += ` LIMIT ${limit}`;
  return { kind: 'query', sql: text };
}

/** `[name]` as DuckDB's `"name"`; other tokens unchanged. */
const duckName = (t) => (t.startsWith('[') ? `"${t.slice(1, -1).replace(/\]\]/g, ']').replace(/"/g, '""')}"` : t);

const unbracket = (t) => (t.startsWith('[') ? t.slice(1, -1) : t);

function lastWord(out) {
  for (let i = out.length - 1; i >= 0; i--) if (!/^\s+$/.test(out[i])) return out[i].toUpperCase();
  return undefined;
}

function param(token, names) {
  const index = names.findIndex((n) => n.toLowerCase() === token.toLowerCase());
  if (index < 0) throw Object.assign(new Error(`Must declare the scalar variable "${token}".`), { number: 137 });
  return `$${index + 1}`;
}

function globalVariable(name) {
  if (name === '@@VERSION') return "'Microsoft SQL Server 2019 (tsdbt TDS stand-in)'";
  if (name === '@@TRANCOUNT') return '0';
  if (name === '@@SPID') return '51';
  throw Object.assign(new Error(`${name} is not emulated by the TDS stand-in`), { number: 137 });
}

/** `TOP n` / `TOP (n)`: consumed here, appended as LIMIT. Returns the index of the last consumed token. */
function takeTop(tokens, i, setLimit) {
  let j = i + 1;
  while (/^\s+$/.test(tokens[j])) j++;
  if (tokens[j] === '(') {
    setLimit(tokens[j + 1]);
    return j + 2;
  }
  setLimit(tokens[j]);
  return j;
}

function peekGroup(tokens, i) {
  let j = i + 1;
  while (/^\s+$/.test(tokens[j] ?? '')) j++;
  if (tokens[j] !== '(') return '';
  let text = '';
  for (; j < tokens.length; j++) {
    text += tokens[j];
    if (tokens[j] === ')') break;
  }
  return text;
}

function skipGroup(tokens, i) {
  let j = i + 1;
  while (tokens[j] !== ')') j++;
  return j;
}

/** Splits `@params` ("@p1 int, @p2 nvarchar(50)") into parameter names in order. */
export function declaredParamNames(decl) {
  if (!decl) return [];
  return [...decl.matchAll(/@\w+/g)].map((m) => m[0]);
}
