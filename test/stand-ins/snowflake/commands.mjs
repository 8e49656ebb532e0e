// Statements answered by the stand-in itself rather than passed to DuckDB: session state, SHOW, DESCRIBE, SWAP.
import { isWord, isPunct, readName } from './token-list.mjs';
import { snowflakeTypeText } from './encode.mjs';
import { SfError } from './sf-error.mjs';
import { q, statusResult, tableResult } from './results.mjs';

const OK = 'Statement executed successfully.';
const NO_OPS = [['GRANT'], ['REVOKE'], ['ALTER', 'WAREHOUSE'], ['ALTER', 'USER'], ['CREATE', 'WAREHOUSE'], ['USE', 'SECONDARY'], ['ALTER', 'ACCOUNT']];

/** @returns {Promise<object|undefined>} a result when the statement is one of ours. */
export async function runCommand(s, toks) {
  const w = (i) => (toks[i] && toks[i].kind === 'word' ? toks[i].text.toUpperCase() : undefined);
  if (NO_OPS.some((p) => p.every((word, i) => w(i) === word))) return statusResult(OK);
  switch (w(0)) {
    case 'BEGIN': case 'START': return transaction(s, 'BEGIN TRANSACTION', true);
    case 'COMMIT': return transaction(s, 'COMMIT', false);
    case 'ROLLBACK': case 'ABORT': return transaction(s, 'ROLLBACK', false);
    case 'USE': return use(s, toks);
    case 'SHOW': return show(s, toks);
    case 'DESC': case 'DESCRIBE': return describe(s, toks);
  }
  if (w(0) === 'ALTER' && w(1) === 'SESSION') return alterSession(s, toks);
  if (w(0) === 'ALTER' && (w(1) === 'TABLE' || w(1) === 'VIEW' || w(1) === 'MATERIALIZED')) return alterRelation(s, toks);
  if ((w(0) === 'CREATE' || w(0) === 'DROP') && (w(1) === 'DATABASE' || (w(1) === 'OR' && w(3) === 'DATABASE'))) return database(s, toks);
  return undefined;
}

async function transaction(s, duckSql, begin) {
  if (begin && s.inTransaction) return statusResult(OK); // Snowflake ignores a nested BEGIN.
  if (!begin && !s.inTransaction) return statusResult(OK);
  await s.runDuck(duckSql);
  s.inTransaction = begin;
  const hooks = s.onCommit.splice(0);
  if (duckSql === 'COMMIT') for (const h of hooks) h();
  return statusResult(OK, begin ? 0x5000 : 0x5100);
}

async function use(s, toks) {
  let i = 1;
  const kind = isWord(toks[1], 'DATABASE', 'SCHEMA', 'WAREHOUSE', 'ROLE') ? toks[i++].text.toUpperCase() : undefined;
  const { parts } = readName(toks, i);
  if (kind === 'WAREHOUSE') s.warehouseName = parts[0];
  else if (kind === 'ROLE') s.role = parts[0];
  else if (kind === 'DATABASE' || (!kind && parts.length === 1)) {
    await s.warehouse.ensureDatabase(parts[0]);
    s.database = parts[0];
    s.schema = 'PUBLIC';
    await s.runDuck(`USE ${q(s.database)}.${q(s.schema)}`);
  } else {
    const [db, schema] = parts.length === 2 ? parts : [s.database, parts[0]];
    await s.runDuck(`USE ${q(db)}.${q(schema)}`);
    s.database = db;
    s.schema = schema;
  }
  return statusResult(OK);
}

/** Session parameters are remembered; TIMEZONE also moves DuckDB's, which NTZ ↔ TZ comparisons and casts use. */
async function alterSession(s, toks) {
  if (isWord(toks[2], 'UNSET')) {
    for (let i = 3; i < toks.length; i++) if (toks[i].kind === 'word') s.params.delete(toks[i].text.toUpperCase());
    if (!s.params.has('TIMEZONE')) await s.runDuck("SET SESSION TimeZone = 'UTC'");
    return statusResult(OK);
  }
  for (let i = 3; i < toks.length; i++) {
    if (toks[i].kind === 'word' && isPunct(toks[i + 1], '=')) {
      const v = toks[i + 2];
      const name = toks[i].text.toUpperCase();
      const value = v.kind === 'string' ? v.text.slice(1, -1).replace(/''/g, "'") : v.text;
      if (name === 'TIMEZONE') await s.runDuck(`SET SESSION TimeZone = '${value.replace(/'/g, "''")}'`);
      s.params.set(name, value);
      i += 2;
    }
  }
  return statusResult(OK);
}

async function alterRelation(s, toks) {
  const at = isWord(toks[1], 'MATERIALIZED') ? 3 : 2;
  let i = at;
  if (isWord(toks[i], 'IF')) i += 2;
  const { parts, next } = readName(toks, i);
  if (isWord(toks[next], 'SWAP') && isWord(toks[next + 1], 'WITH')) return swap(s, parts, readName(toks, next + 2).parts);
  if (isWord(toks[next], 'RENAME') && isWord(toks[next + 1], 'TO')) {
    const to = readName(toks, next + 2).parts;
    await s.runDuck(`ALTER ${toks[1].text.toUpperCase() === 'VIEW' ? 'VIEW' : 'TABLE'} ${s.qualify(parts)} RENAME TO ${q(to[to.length - 1])}`);
    return statusResult(OK);
  }
  // Clustering, SECURE, comments, tags, change tracking: metadata DuckDB does not model.
  if (isWord(toks[next], 'CLUSTER', 'SET', 'UNSET', 'SUSPEND', 'RESUME', 'RECLUSTER', 'DROP') && !(isWord(toks[next], 'DROP') && isWord(toks[next + 1], 'COLUMN'))) return statusResult(OK);
  return undefined;
}

/** `ALTER TABLE a SWAP WITH b`: three renames in one DuckDB transaction, so either both names move or none. */
async function swap(s, aParts, bParts) {
  const a = s.qualify(aParts).split('.');
  const b = s.qualify(bParts).split('.');
  if (a[0] !== b[0] || a[1] !== b[1]) throw new SfError('002003', 'SWAP WITH across schemas is not emulated by the stand-in', '0A000');
  const tmp = q(`${aParts[aParts.length - 1]}__SWAP_${Date.now()}`);
  const own = !s.inTransaction;
  if (own) await s.runDuck('BEGIN TRANSACTION');
  try {
    await s.runDuck(`ALTER TABLE ${a.join('.')} RENAME TO ${tmp}`);
    await s.runDuck(`ALTER TABLE ${b.join('.')} RENAME TO ${a[2]}`);
    await s.runDuck(`ALTER TABLE ${a[0]}.${a[1]}.${tmp} RENAME TO ${b[2]}`);
    if (own) await s.runDuck('COMMIT');
  } catch (err) {
    if (own) await s.runDuck('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return statusResult(OK);
}

async function database(s, toks) {
  const create = isWord(toks[0], 'CREATE');
  const replace = isWord(toks[1], 'OR');
  let i = replace ? 4 : 2;
  const ifClause = isWord(toks[i], 'IF');
  if (ifClause) i += create ? 3 : 2;
  const name = readName(toks, i).parts[0];
  const exists = s.warehouse.databases.has(name);
  if (!create) {
    if (!exists && !ifClause) throw new SfError('002003', `Database '${name}' does not exist or not authorized.`, '02000');
    await s.warehouse.dropDatabase(name);
    return statusResult(`${name} successfully dropped.`);
  }
  if (exists && !replace && !ifClause) throw new SfError('002002', `Object '${name}' already exists.`, '42710');
  if (exists && replace) await s.warehouse.dropDatabase(name);
  await s.warehouse.ensureDatabase(name);
  return statusResult(`Database ${name} successfully created.`);
}

/** Parse `SHOW [TERSE] <what> [LIKE '..'] [IN ...] [STARTS WITH '..'] [LIMIT n]`. */
function parseShow(toks) {
  let i = 1;
  const terse = isWord(toks[i], 'TERSE') && !!i++;
  const what = toks[i++].text.toUpperCase();
  const out = { terse, what, like: undefined, scope: undefined, names: [], startsWith: undefined, limit: undefined };
  while (i < toks.length) {
    if (isWord(toks[i], 'LIKE')) { out.like = toks[i + 1].text.slice(1, -1); i += 2; }
    else if (isWord(toks[i], 'IN')) {
      i++;
      if (isWord(toks[i], 'ACCOUNT', 'DATABASE', 'SCHEMA', 'TABLE', 'VIEW')) out.scope = toks[i++].text.toUpperCase();
      const r = readName(toks, i);
      out.names = r.parts;
      i = r.next;
    } else if (isWord(toks[i], 'STARTS')) { out.startsWith = toks[i + 2].text.slice(1, -1); i += 3; }
    else if (isWord(toks[i], 'LIMIT')) { out.limit = Number(toks[i + 1].text); i += 2; }
    else i++;
  }
  return out;
}

function likeToRegex(pattern) {
  const re = pattern.replace(/[.*+^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

async function show(s, toks) {
  const o = parseShow(toks);
  const filter = (name) => (!o.like || likeToRegex(o.like).test(name)) && (!o.startsWith || name.startsWith(o.startsWith));
  const limit = (rows) => (o.limit ? rows.slice(0, o.limit) : rows);
  const created = new Date(0).toISOString();
  if (o.what === 'DATABASES') {
    const rows = [...s.warehouse.databases].filter(filter).sort().map((d) => [created, d, d === s.database ? 'Y' : 'N', d === s.database ? 'Y' : 'N', '', 'ACCOUNTADMIN', '', '', '1', 'STANDARD']);
    return tableResult([['created_on', 'text'], ['name', 'text'], ['is_default', 'text'], ['is_current', 'text'], ['origin', 'text'], ['owner', 'text'], ['comment', 'text'], ['options', 'text'], ['retention_time', 'text'], ['kind', 'text']], limit(rows));
  }
  if (o.what === 'SCHEMAS') {
    const db = o.names[0] ?? s.database;
    const r = await s.runDuck(`SELECT schema_name FROM information_schema.schemata WHERE lower(catalog_name) = lower($1) AND schema_name NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`, [db]);
    const rows = r.getRows().map(([n]) => n).filter(filter).map((n) => [created, n, 'N', n === s.schema ? 'Y' : 'N', db, 'ACCOUNTADMIN', '', '', '1']);
    return tableResult([['created_on', 'text'], ['name', 'text'], ['is_default', 'text'], ['is_current', 'text'], ['database_name', 'text'], ['owner', 'text'], ['comment', 'text'], ['options', 'text'], ['retention_time', 'text']], limit(rows));
  }
  if (['OBJECTS', 'TABLES', 'VIEWS'].includes(o.what)) return showObjects(s, o, filter, limit, created);
  if (o.what === 'PARAMETERS') return tableResult([['key', 'text'], ['value', 'text']], [...s.params].map(([k, v]) => [k, v]));
  throw new SfError('002140', `SQL compilation error:\nSHOW ${o.what} is not emulated by the stand-in`, '0A000');
}

async function showObjects(s, o, filter, limit, created) {
  let db = s.database;
  let schema = o.scope === 'DATABASE' || o.scope === 'ACCOUNT' ? undefined : s.schema;
  if (o.scope === 'DATABASE') db = o.names[0] ?? s.database;
  else if (o.names.length === 2) [db, schema] = o.names;
  else if (o.names.length === 1) schema = o.names[0];
  const args = [db];
  // DuckDB matches names case-insensitively (its default schema is lower-case `main`), so filter the same way.
  let where = 'lower(table_catalog) = lower($1)';
  if (schema) { args.push(schema); where += ' AND lower(table_schema) = lower($2)'; }
  if (o.what === 'TABLES') where += " AND table_type <> 'VIEW'";
  if (o.what === 'VIEWS') where += " AND table_type = 'VIEW'";
  const r = await s.runDuck(`SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables WHERE ${where} AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 2, 3`, args);
  // The session's own temporary tables and views are listed with the schema's objects (other sessions' are not).
  const temps = s.temporary.list(db, schema).filter((t) => o.what === 'OBJECTS' || (o.what === 'VIEWS') === (t.kind === 'VIEW'));
  const found = [...r.getRows(), ...temps.map((t) => [t.db, t.schema, t.name, t.kind === 'VIEW' ? 'VIEW' : 'LOCAL TEMPORARY'])];
  found.sort((a, b) => (a[1] === b[1] ? (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) : a[1] < b[1] ? -1 : 1));
  const rows = found.filter(([, , name]) => filter(name)).map(([cat, sch, name, type]) => {
    const kind = type === 'VIEW' ? 'VIEW' : 'TABLE';
    return o.terse ? [created, name, kind, cat, sch] : [created, name, cat, sch, kind, '', '', '0', '0', 'ACCOUNTADMIN', '1', 'ROLE', 'N'];
  });
  const cols = o.terse
    ? [['created_on', 'text'], ['name', 'text'], ['kind', 'text'], ['database_name', 'text'], ['schema_name', 'text']]
    : [['created_on', 'text'], ['name', 'text'], ['database_name', 'text'], ['schema_name', 'text'], ['kind', 'text'], ['comment', 'text'], ['cluster_by', 'text'], ['rows', 'fixed'], ['bytes', 'fixed'], ['owner', 'text'], ['retention_time', 'text'], ['owner_role_type', 'text'], ['is_dynamic', 'text']];
  return tableResult(cols, limit(rows));
}

async function describe(s, toks) {
  let i = 1;
  if (isWord(toks[i], 'TABLE', 'VIEW')) i++;
  const { parts } = readName(toks, i);
  const r = await s.runDuck(`DESCRIBE ${s.temporary.resolve(parts) ?? s.qualify(parts)}`);
  const rows = r.getRows().map(([name, type, nullable, , dflt]) => [name, snowflakeTypeText(String(type)), 'COLUMN', nullable === 'NO' ? 'N' : 'Y', dflt ?? null, 'N', 'N', null, null, null, null, null]);
  return tableResult([['name', 'text'], ['type', 'text'], ['kind', 'text'], ['null?', 'text'], ['default', 'text'], ['primary key', 'text'], ['unique key', 'text'], ['check', 'text'], ['expression', 'text'], ['comment', 'text'], ['policy name', 'text'], ['privacy domain', 'text']], rows);
}

