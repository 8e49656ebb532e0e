// The Snowflake → DuckDB rewrites for the statements tsdbt and the sales project send. Not a general transpiler:
// each rewrite is a token-level change with a test in test/snowflake/translate.test.ts.
import { toTokList, renderToks, tok, isWord, isPunct, closeParen, splitArgs } from './token-list.mjs';
import { rewriteConstraints } from './create-table.mjs';
import { rewriteClone } from './clone.mjs';

const TYPE_ALWAYS = { TIMESTAMP_NTZ: 'TIMESTAMP', DATETIME: 'TIMESTAMP', TIMESTAMP_LTZ: 'TIMESTAMPTZ', TIMESTAMP_TZ: 'TIMESTAMPTZ', VARIANT: 'JSON', BYTEINT: 'BIGINT' };
const TYPE_IN_CAST = { NUMBER: 'DECIMAL', NUMERIC: 'DECIMAL', STRING: 'VARCHAR', TEXT: 'VARCHAR', OBJECT: 'JSON', ARRAY: 'JSON',
  BINARY: 'BLOB', VARBINARY: 'BLOB', INT: 'BIGINT', INTEGER: 'BIGINT', SMALLINT: 'BIGINT', TINYINT: 'BIGINT', FLOAT: 'DOUBLE', FLOAT4: 'DOUBLE', FLOAT8: 'DOUBLE', REAL: 'DOUBLE' };
const PRECISION_DROPPED = new Set(['TIMESTAMP', 'TIMESTAMPTZ', 'TIME']);
const DATE_PARTS = { D: 'DAY', DD: 'DAY', DAYS: 'DAY', DAY: 'DAY', W: 'WEEK', WK: 'WEEK', WEEK: 'WEEK', WEEKS: 'WEEK', MM: 'MONTH', MON: 'MONTH',
  MONS: 'MONTH', MONTH: 'MONTH', MONTHS: 'MONTH', Y: 'YEAR', YY: 'YEAR', YYYY: 'YEAR', YR: 'YEAR', YEAR: 'YEAR', YEARS: 'YEAR', Q: 'QUARTER',
  QTR: 'QUARTER', QUARTER: 'QUARTER', H: 'HOUR', HH: 'HOUR', HR: 'HOUR', HOUR: 'HOUR', HOURS: 'HOUR', M: 'MINUTE', MI: 'MINUTE', MIN: 'MINUTE',
  MINUTE: 'MINUTE', MINUTES: 'MINUTE', S: 'SECOND', SEC: 'SECOND', SECOND: 'SECOND', SECONDS: 'SECOND', MS: 'MILLISECOND', MILLISECOND: 'MILLISECOND' };
const RENAMED_FUNCTIONS = { IFF: 'IF', NVL: 'COALESCE', BOOLOR_AGG: 'BOOL_OR', BOOLAND_AGG: 'BOOL_AND', SYSDATE: 'NOW', GETDATE: 'NOW' };
const CONTEXT_FUNCTIONS = ['CURRENT_DATABASE', 'CURRENT_SCHEMA', 'CURRENT_ROLE', 'CURRENT_WAREHOUSE', 'CURRENT_USER', 'CURRENT_VERSION', 'CURRENT_SESSION', 'CURRENT_ACCOUNT', 'CURRENT_REGION'];
const CASTS = { TO_VARCHAR: 'VARCHAR', TO_CHAR: 'VARCHAR', TO_DATE: 'DATE', DATE: 'DATE', TO_TIMESTAMP: 'TIMESTAMP', TO_TIMESTAMP_NTZ: 'TIMESTAMP',
  TO_TIMESTAMP_TZ: 'TIMESTAMPTZ', TO_TIMESTAMP_LTZ: 'TIMESTAMPTZ', TO_DOUBLE: 'DOUBLE', TO_BOOLEAN: 'BOOLEAN', TO_NUMBER: 'DECIMAL', TO_DECIMAL: 'DECIMAL',
  TO_NUMERIC: 'DECIMAL', TRY_TO_NUMBER: 'DECIMAL', TRY_TO_DECIMAL: 'DECIMAL', TRY_TO_DATE: 'DATE', TRY_TO_TIMESTAMP: 'TIMESTAMP', TRY_TO_DOUBLE: 'DOUBLE', TRY_TO_BOOLEAN: 'BOOLEAN' };
const FORMAT_PARTS = [['YYYY', '%Y'], ['YY', '%y'], ['MMMM', '%B'], ['MON', '%b'], ['MM', '%m'], ['DD', '%d'], ['DY', '%a'], ['HH24', '%H'], ['HH12', '%I'], ['HH', '%H'], ['MI', '%M'], ['SS', '%S'], ['AM', '%p'], ['PM', '%p']];

/** @param {string} sql @param {{ context?: Record<string,string|null> }} [options] */
export function translate(sql, options = {}) {
  let toks = toTokList(sql);
  toks = rewriteParams(toks);
  toks = rewriteStrings(toks);
  toks = toks.map((t) => (t.kind === 'word' ? { ...t, text: t.text.toUpperCase() } : t));
  toks = stripTableOptions(toks);
  toks = rewriteClone(toks);
  toks = rewriteConstraints(toks);
  toks = rewriteTypes(toks);
  toks = rewriteFunctions(toks, options.context ?? {});
  toks = rewriteInformationSchema(toks);
  return renderToks(toks);
}

/** `?` and `:n` placeholders become DuckDB's `$n`. */
function rewriteParams(toks) {
  let n = 0;
  return toks.map((t) => (t.kind !== 'param' ? t : { ...t, kind: 'word', text: t.text === '?' ? `$${++n}` : `$${t.text.slice(1)}` }));
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', 0: '\0' };

/** Snowflake string literals take backslash escapes and `$$…$$`; DuckDB's are standard SQL. */
function rewriteStrings(toks) {
  return toks.map((t) => {
    let inner;
    if (t.kind === 'dollar') inner = t.text.slice(2, -2);
    else if (t.kind === 'string' && t.text.includes('\\')) inner = t.text.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/gs, (_, c) => ESCAPES[c] ?? c);
    else return t;
    return { ...t, kind: 'string', text: `'${inner.replace(/'/g, "''")}'` };
  });
}

/** Snowflake-only DDL words DuckDB has no use for: transient, secure, copy grants, cluster by, table options. */
function stripTableOptions(toks) {
  if (!isWord(toks[0], 'CREATE', 'ALTER')) return toks;
  const out = [];
  const head = headLength(toks);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i < head && isWord(t, 'TRANSIENT', 'SECURE', 'VOLATILE')) continue;
    if (i < head && isWord(t, 'COPY') && isWord(toks[i + 1], 'GRANTS')) { i++; continue; }
    if (i < head && isWord(t, 'CLUSTER') && isWord(toks[i + 1], 'BY') && isPunct(toks[i + 2], '(')) { i = closeParen(toks, i + 2); continue; }
    if (i < head && isWord(t, 'CHANGE_TRACKING', 'DATA_RETENTION_TIME_IN_DAYS', 'MAX_DATA_EXTENSION_TIME_IN_DAYS', 'COMMENT', 'DEFAULT_DDL_COLLATION')
      && isPunct(toks[i + 1], '=')) { i += 2; continue; }
    out.push(t);
  }
  return out;
}

/** Tokens before the `AS` that starts the body of a CREATE ... AS (or the whole statement). */
function headLength(toks) {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    if (isPunct(toks[i], '(')) depth++;
    if (isPunct(toks[i], ')')) depth--;
    if (depth === 0 && isWord(toks[i], 'AS') && !isWord(toks[i - 1], 'CAST')) return i;
  }
  return toks.length;
}

function inTypePosition(toks, i) {
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (isPunct(prev, '::')) return true;
  // CAST(x AS type) / column definitions `name TYPE,` / `name TYPE NOT NULL`.
  if (isWord(prev, 'AS') && (isPunct(next, ')') || isPunct(next, '('))) return true;
  const prevIsName = prev && (prev.kind === 'quoted' || (prev.kind === 'word' && !isWord(prev, 'SELECT', 'BY', 'AS', 'AND', 'OR', 'ON', 'WHEN', 'THEN', 'ELSE')));
  return !!prevIsName && (isPunct(next, ',') || isPunct(next, ')') || isPunct(next, '(') || isWord(next, 'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'CHECK', 'COLLATE', 'CONSTRAINT')) && isColumnList(toks, i);
}

/** Whether `i` sits inside the column list of a CREATE TABLE / ADD COLUMN / SET DATA TYPE. */
function isColumnList(toks, i) {
  if (!isWord(toks[0], 'CREATE', 'ALTER')) return false;
  for (let j = i - 1; j >= 0; j--) if (isWord(toks[j], 'SELECT', 'AS', 'FROM', 'WHERE')) return false;
  return true;
}

function rewriteTypes(toks) {
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const up = t.kind === 'word' ? t.text : '';
    let mapped = TYPE_ALWAYS[up] ?? (TYPE_IN_CAST[up] && inTypePosition(toks, i) ? TYPE_IN_CAST[up] : undefined);
    if (up === 'NUMBER' && isPunct(toks[i + 1], '(')) mapped = 'DECIMAL';
    if (!mapped) { out.push(t); continue; }
    // A bare NUMBER is NUMBER(38,0) in Snowflake; DuckDB's bare DECIMAL is (18,3).
    if (mapped === 'DECIMAL' && !isPunct(toks[i + 1], '(')) mapped = 'DECIMAL(38,0)';
    out.push({ ...t, text: mapped });
    if (PRECISION_DROPPED.has(mapped) && isPunct(toks[i + 1], '(')) i = closeParen(toks, i + 1);
  }
  return out;
}

function argText(arg) { return renderToks(arg); }

function datePart(arg) {
  const t = arg[0];
  const raw = t.kind === 'string' ? t.text.slice(1, -1).toUpperCase() : t.text.toUpperCase();
  return DATE_PARTS[raw] ?? raw;
}

function snowflakeFormat(fmtTok) {
  let f = fmtTok.text.slice(1, -1);
  const out = [];
  while (f.length) {
    const hit = FORMAT_PARTS.find(([k]) => f.toUpperCase().startsWith(k));
    if (hit) { out.push(hit[1]); f = f.slice(hit[0].length); } else { out.push(f[0] === '%' ? '%%' : f[0]); f = f.slice(1); }
  }
  return `'${out.join('')}'`;
}

/** Rewrite one function call at `i` (a word followed by `(`); returns replacement text and the index of its `)`. */
function rewriteCall(toks, i, context) {
  const name = toks[i].text;
  const { args, close } = splitArgs(toks, i + 1);
  // Arguments may hold Snowflake calls themselves: rewrite them first, then build the replacement once.
  const a = args.map((x) => argText(rewriteFunctions(x, context)));
  if (name === 'TO_TIMESTAMP_NTZ' && args.length === 1) {
    const zoned = ntzOfConvertTimezone(args[0], context);
    if (zoned) return { text: zoned, close };
  }
  switch (name) {
    case 'DATEADD': case 'TIMESTAMPADD':
      return { text: `DATE_ADD(${a[2]}, INTERVAL (${a[1]}) ${datePart(args[0])})`, close };
    case 'DATEDIFF': case 'TIMESTAMPDIFF':
      return { text: `DATE_DIFF('${datePart(args[0])}', ${a[1]}, ${a[2]})`, close };
    case 'DATE_TRUNC': case 'DATE_PART':
      return { text: `${name}('${datePart(args[0])}', ${a[1]})`, close };
    case 'TO_BINARY': return a.length === 1 || /HEX/i.test(a[1]) ? { text: `UNHEX(${a[0]})`, close } : undefined;
    case 'CHARINDEX': return { text: charindex(a), close };
    case 'LAST_DAY': return { text: lastDay(a, args), close };
    case 'CONVERT_TIMEZONE':
      // Two arguments: the instant in the target zone (TIMESTAMP_TZ); three: wall-clock time moved between zones.
      return { text: a.length === 2 ? `CAST(${a[1]} AS TIMESTAMPTZ)` : `TIMEZONE(${a[1]}, TIMEZONE(${a[0]}, CAST(${a[2]} AS TIMESTAMP)))`, close };
    case 'LISTAGG': return listagg(toks, a, close);
    case 'ZEROIFNULL': return { text: `COALESCE(${a[0]}, 0)`, close };
    case 'DIV0': return { text: `(CASE WHEN (${a[1]}) = 0 THEN 0 ELSE (${a[0]}) / (${a[1]}) END)`, close };
    case 'NVL2': return { text: `(CASE WHEN (${a[0]}) IS NOT NULL THEN (${a[1]}) ELSE (${a[2]}) END)`, close };
    case 'CURRENT_TIMESTAMP': case 'CURRENT_DATE': case 'CURRENT_TIME': case 'LOCALTIMESTAMP':
      return a.length ? undefined : { text: name, close };
  }
  if (CONTEXT_FUNCTIONS.includes(name) && a.length === 0) {
    const v = context[name];
    return { text: v == null ? 'CAST(NULL AS VARCHAR)' : `'${String(v).replace(/'/g, "''")}'`, close };
  }
  if (CASTS[name] && name !== 'DATE') return castCall(name, args, a, close);
  if (name === 'DATE' && a.length === 1) return { text: `CAST(${a[0]} AS DATE)`, close };
  return undefined;
}

/**
 * `to_timestamp_ntz(convert_timezone(zone, x))` (dbt-snowflake's snapshot_get_time): the wall time in `zone`. DuckDB's
 * TIMESTAMPTZ keeps no offset, so the two-argument form alone casts to NTZ in the session's zone instead.
 */
function ntzOfConvertTimezone(arg, context) {
  if (!isWord(arg[0], 'CONVERT_TIMEZONE') || !isPunct(arg[1], '(')) return undefined;
  const inner = splitArgs(arg, 1);
  if (inner.close !== arg.length - 1 || inner.args.length !== 2) return undefined;
  const [zone, value] = inner.args.map((x) => argText(rewriteFunctions(x, context)));
  return `TIMEZONE(${zone}, CAST(${value} AS TIMESTAMPTZ))`;
}

function charindex(a) {
  if (a.length < 3 || a[2].trim() === '1') return `STRPOS(${a[1]}, ${a[0]})`;
  const sub = `STRPOS(SUBSTR(${a[1]}, ${a[2]}), ${a[0]})`;
  return `(CASE WHEN ${sub} = 0 THEN 0 ELSE ${sub} + (${a[2]}) - 1 END)`;
}

function lastDay(a, args) {
  const part = a.length > 1 ? datePart(args[1]) : 'MONTH';
  if (part === 'MONTH') return `LAST_DAY(${a[0]})`;
  const span = part === 'WEEK' ? 'INTERVAL 6 DAY' : `INTERVAL 1 ${part} - INTERVAL 1 DAY`;
  return `CAST(DATE_TRUNC('${part}', ${a[0]}) + ${span} AS DATE)`;
}

/** `LISTAGG(x, sep) WITHIN GROUP (ORDER BY …)` → `STRING_AGG(x, sep ORDER BY …)`. */
function listagg(toks, a, close) {
  const sep = a[1] ?? "''";
  if (isWord(toks[close + 1], 'WITHIN') && isWord(toks[close + 2], 'GROUP') && isPunct(toks[close + 3], '(')) {
    const end = closeParen(toks, close + 3);
    return { text: `STRING_AGG(${a[0]}, ${sep} ${renderToks(toks.slice(close + 4, end))})`, close: end };
  }
  return { text: `STRING_AGG(${a[0]}, ${sep})`, close };
}

function castCall(name, args, a, close) {
  const tryPrefix = name.startsWith('TRY_') ? 'TRY_' : '';
  let type = CASTS[name];
  if (type === 'VARCHAR' && a.length === 2 && args[1][0].kind === 'string') return { text: `STRFTIME(${a[0]}, ${snowflakeFormat(args[1][0])})`, close };
  if (type === 'DECIMAL') type = a.length >= 3 ? `DECIMAL(${a[1]}, ${a[2]})` : a.length === 2 ? `DECIMAL(${a[1]}, 0)` : 'DECIMAL(38,0)';
  else if (a.length > 1 && type !== 'VARCHAR') {
    // A format argument: DuckDB's strptime understands the same % codes.
    return { text: `${tryPrefix ? 'TRY_STRPTIME' : 'STRPTIME'}(${a[0]}, ${snowflakeFormat(args[1][0])})${type === 'DATE' ? '::DATE' : ''}`, close };
  }
  const value = type.startsWith('TIMESTAMP') && args[0].length === 1 && args[0][0].kind === 'string' ? timestampOffset(a[0]) : a[0];
  return { text: `${tryPrefix}CAST(${value} AS ${type})`, close };
}

/**
 * Snowflake's AUTO timestamp format takes an offset of one or two hour digits with optional minutes (`-0`, `+0530`,
 * as dbt-snowflake's microbatch tests write them); DuckDB wants `±HH[:MM]`.
 */
function timestampOffset(literal) {
  return literal.replace(/^('\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?) ?([+-])(\d{1,2})(?::?(\d\d))?'$/u,
    (_, time, sign, hours, minutes) => `${time}${sign}${hours.padStart(2, '0')}:${minutes ?? '00'}'`);
}

function rewriteFunctions(toks, context) {
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'word' && isPunct(toks[i + 1], '(') && !isPunct(toks[i - 1], '.')) {
      if (RENAMED_FUNCTIONS[t.text]) { out.push({ ...t, text: RENAMED_FUNCTIONS[t.text] }); continue; }
      const hit = rewriteCall(toks, i, context);
      if (hit) {
        out.push(...toTokList(hit.text).map((x, k) => (k === 0 ? { ...x, pre: t.pre } : x)));
        i = hit.close;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** `DB.INFORMATION_SCHEMA.X` lists DB only in Snowflake; DuckDB's spans every catalog, so filter it. */
function rewriteInformationSchema(toks) {
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if ((t.kind === 'word' || t.kind === 'quoted') && isPunct(toks[i + 1], '.') && isWord(toks[i + 2], 'INFORMATION_SCHEMA') && isPunct(toks[i + 3], '.')) {
      const db = t.kind === 'quoted' ? t.text.slice(1, -1) : t.text;
      const view = toks[i + 4].text;
      const catalogColumn = view === 'SCHEMATA' ? 'CATALOG_NAME' : 'TABLE_CATALOG';
      const hasAlias = toks[i + 5] && (isWord(toks[i + 5], 'AS') || (toks[i + 5].kind === 'word' && !isWord(toks[i + 5], 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'JOIN', 'LEFT', 'INNER', 'ON', 'UNION', 'QUALIFY', 'HAVING')));
      out.push(tok(`(SELECT * FROM INFORMATION_SCHEMA.${view} WHERE ${catalogColumn} = '${db.replace(/'/g, "''")}')${hasAlias ? '' : ` AS ${view}`}`, 'word', t.pre));
      i += 4;
      continue;
    }
    out.push(t);
  }
  return out;
}
