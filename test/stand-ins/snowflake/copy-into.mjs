// COPY INTO <table> FROM @stage: reads the stage's CSV files with DuckDB's read_csv, skipping files the table has
// already loaded (Snowflake's load metadata) unless FORCE = TRUE, all files in one transaction.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isWord, isPunct, readName, closeParen } from './token-list.mjs';
import { parseOptions } from './stage-options.mjs';
import { SfError } from './sf-error.mjs';
import { q, tableResult } from './results.mjs';
import { stageDir, stageFiles } from './stage.mjs';

const RESULT_COLUMNS = [['file', 'text'], ['status', 'text'], ['rows_parsed', 'fixed'], ['rows_loaded', 'fixed'], ['error_limit', 'fixed'], ['errors_seen', 'fixed'],
  ['first_error', 'text'], ['first_error_line', 'fixed'], ['first_error_character', 'fixed'], ['first_error_column_name', 'text']];

export async function copyInto(s, toks, sql) {
  if (isPunct(toks[2], '@') || toks[2]?.kind === 'string') throw new SfError('002140', 'SQL compilation error:\nCOPY INTO <stage> (unload) is not emulated by the stand-in', '0A000');
  const { parts, next } = readName(toks, 2);
  const target = s.qualify(parts);
  let i = next;
  let columns;
  if (isPunct(toks[i], '(')) {
    const close = closeParen(toks, i);
    columns = toks.slice(i + 1, close).filter((t) => !isPunct(t, ',')).map((t) => (t.kind === 'quoted' ? t.text.slice(1, -1) : t.text.toUpperCase()));
    i = close + 1;
  }
  if (!isWord(toks[i], 'FROM')) throw new SfError('001003', 'SQL compilation error:\nCOPY INTO expects FROM @<stage>', '42000');
  const rest = toks.slice(i + 1).map((t) => t.pre + t.text).join('').trim();
  const refText = /^('[^']*'|\S+)/.exec(rest)[1];
  const options = parseOptions(rest.slice(refText.length));
  const format = fileFormat(s, options);
  const { root, prefix } = stageDir(s, refText);
  let files = stageFiles(root, prefix, options.PATTERN);
  if (Array.isArray(options.FILES)) files = files.filter((f) => options.FILES.some((x) => f === path.posix.join(prefix.endsWith('/') || !prefix ? prefix : path.posix.dirname(prefix) + '/', x) || f.endsWith('/' + x) || f === x));
  const force = options.FORCE === 'TRUE';
  const history = s.warehouse.loadHistory.get(target) ?? new Set();
  const pending = files.map((rel) => ({ rel, key: `${rel}:${md5(path.join(root, rel))}` })).filter((f) => force || !history.has(f.key));
  if (pending.length === 0) return tableResult([['status', 'text']], [['Copy executed with 0 files processed.']], 0x3000);
  const targetColumns = await describeTarget(s, target, columns);
  const rows = await loadFiles(s, target, targetColumns, pending.map((f) => path.join(root, f.rel)), format);
  const record = () => { for (const f of pending) history.add(f.key); s.warehouse.loadHistory.set(target, history); };
  // Load metadata follows the transaction: a rolled-back COPY may be repeated.
  if (s.inTransaction) s.onCommit.push(record); else record();
  if (options.PURGE === 'TRUE') for (const f of pending) fs.rmSync(path.join(root, f.rel), { force: true });
  return tableResult(RESULT_COLUMNS, pending.map((f, k) => [f.rel, 'LOADED', rows[k], rows[k], 1, 0, null, null, null, null]), 0x3000);
}

function md5(file) {
  return crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

function fileFormat(s, options) {
  let f = options.FILE_FORMAT ?? {};
  if (f.FORMAT_NAME) {
    const key = s.qualify(f.FORMAT_NAME.split('.')).replace(/"/g, '');
    const named = s.warehouse.fileFormats.get(key);
    if (!named) throw new SfError('002003', `SQL compilation error:\nFile format '${key}' does not exist or not authorized.`, '02000');
    f = named;
  }
  const type = (f.TYPE ?? 'CSV').toUpperCase();
  if (type !== 'CSV') throw new SfError('002140', `SQL compilation error:\nFILE_FORMAT TYPE = ${type} is not emulated by the stand-in (CSV only)`, '0A000');
  return f;
}

async function describeTarget(s, target, columns) {
  const r = await s.runDuck(`DESCRIBE ${target}`);
  const all = r.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
  if (!columns) return all;
  return columns.map((c) => {
    const hit = all.find((x) => x.name.toUpperCase() === c.toUpperCase());
    if (!hit) throw new SfError('000904', `SQL compilation error: error line 0 at position 0\ninvalid identifier '${c}'`, '42000');
    return hit;
  });
}

const lit = (v) => `'${String(v).replace(/'/g, "''")}'`;

function readCsvSql(file, columns, f) {
  const nulls = Array.isArray(f.NULL_IF) ? [...f.NULL_IF] : ['\\N'];
  // EMPTY_FIELD_AS_NULL (default TRUE): an empty unenclosed field is NULL; an enclosed "" stays an empty string.
  if (f.EMPTY_FIELD_AS_NULL !== 'FALSE') nulls.push('');
  const enclosed = f.FIELD_OPTIONALLY_ENCLOSED_BY && f.FIELD_OPTIONALLY_ENCLOSED_BY !== 'NONE' ? f.FIELD_OPTIONALLY_ENCLOSED_BY : '"';
  const cols = columns.map((c, k) => `${lit('c' + k)}: 'VARCHAR'`).join(', ');
  return `read_csv(${lit(file)}, delim=${lit(f.FIELD_DELIMITER ?? ',')}, quote=${lit(enclosed)}, escape=${lit(enclosed)}, header=false, `
    + `skip=${Number(f.SKIP_HEADER ?? 0)}, nullstr=[${nulls.map(lit).join(', ')}], allow_quoted_nulls=false, auto_detect=false, columns={${cols}})`;
}

async function loadFiles(s, target, columns, files, format) {
  const own = !s.inTransaction;
  if (own) await s.runDuck('BEGIN TRANSACTION');
  const counts = [];
  try {
    for (const file of files) {
      const select = columns.map((c, k) => (c.type === 'BLOB' ? `unhex(c${k})` : `c${k}`)).join(', ');
      const sqlText = `INSERT INTO ${target} (${columns.map((c) => q(c.name)).join(', ')}) SELECT ${select} FROM ${readCsvSql(file, columns, format)}`;
      counts.push((await s.runDuck(sqlText)).rowsChanged);
    }
    if (own) await s.runDuck('COMMIT');
  } catch (err) {
    if (own) await s.runDuck('ROLLBACK').catch(() => undefined);
    if (err instanceof SfError) throw new SfError(err.code === '002140' ? '100038' : err.code, `${err.message}\n  File '${path.basename(files[counts.length])}'`, err.sqlState);
    throw err;
  }
  return counts;
}
