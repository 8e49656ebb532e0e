// Stages on the local filesystem: PUT/GET answer with a LOCAL_FS stage location that snowflake-sdk copies files
// to/from itself; LIST, REMOVE, CREATE STAGE and COPY INTO read that directory.
import fs from 'node:fs';
import path from 'node:path';
import { parseOptions, parseStageRef } from './stage-options.mjs';
import { isWord, readName } from './token-list.mjs';
import { SfError } from './sf-error.mjs';
import { statusResult, tableResult } from './results.mjs';
import { copyInto } from './copy-into.mjs';

/** @returns {Promise<object|undefined>} */
export async function runStageCommand(s, toks, sql) {
  const w0 = toks[0]?.text.toUpperCase();
  if (w0 === 'PUT') return put(s, sql);
  if (w0 === 'GET') return get(s, sql);
  if (w0 === 'LIST' || w0 === 'LS') return list(s, sql);
  if (w0 === 'REMOVE' || w0 === 'RM') return remove(s, sql);
  if (w0 === 'COPY' && isWord(toks[1], 'INTO')) return copyInto(s, toks, sql);
  const kindAt = toks.findIndex((t, i) => i < 6 && isWord(t, 'STAGE', 'FORMAT'));
  if ((w0 === 'CREATE' || w0 === 'DROP') && kindAt > 0) return defineObject(s, toks, w0, kindAt);
  return undefined;
}

/** Resolve a stage reference to its directory on disk. */
export function stageDir(s, ref) {
  const r = typeof ref === 'string' ? parseStageRef(ref) : ref;
  if (!r) throw new SfError('001003', `SQL compilation error:\nsyntax error near stage reference '${ref}'`, '42000');
  let dir;
  if (r.kind === 'user') dir = path.join(s.warehouse.stageDir, 'user', s.user);
  else if (r.kind === 'table') dir = path.join(s.warehouse.stageDir, 'table', s.qualify(r.name).replace(/"/g, ''));
  else {
    const key = s.qualify(r.name).replace(/"/g, '');
    if (!s.warehouse.stages.has(key)) throw new SfError('002003', `SQL compilation error:\nStage '${key}' does not exist or not authorized.`, '02000');
    dir = path.join(s.warehouse.stageDir, 'named', key);
  }
  return { root: dir, dir: path.join(dir, r.path.endsWith('/') || !r.path ? r.path : path.dirname(r.path)), prefix: r.path, ref: r };
}

/** Files under a stage root whose stage-relative path starts with `prefix` (and matches `pattern`). */
export function stageFiles(root, prefix, pattern) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (rel.startsWith(prefix) && (!pattern || new RegExp(`^${pattern}$`).test(rel))) out.push(rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

function splitCommand(sql) {
  return sql.trim().replace(/;\s*$/, '').match(/'[^']*'|\S+/g) ?? [];
}

function put(s, sql) {
  const [, src, dst, ...rest] = splitCommand(sql);
  const file = /^'?file:\/\/(.*?)'?$/i.exec(src ?? '');
  if (!file || !dst) throw new SfError('001003', 'SQL compilation error:\nPUT expects file://<path> @<stage>', '42000');
  const { dir } = stageDir(s, dst.replace(/\/?'?$/, '/').replace(/^'/, ''));
  const o = parseOptions(rest.join(' '));
  return { upload: { command: 'UPLOAD', src_locations: [file[1]], stageInfo: localStage(dir), autoCompress: o.AUTO_COMPRESS !== 'FALSE',
    sourceCompression: (o.SOURCE_COMPRESSION ?? 'auto_detect').toLowerCase(), parallel: Number(o.PARALLEL ?? 1), overwrite: o.OVERWRITE === 'TRUE', presignedUrls: [] } };
}

function get(s, sql) {
  const [, src, dst, ...rest] = splitCommand(sql);
  const local = /^'?file:\/\/(.*?)'?$/i.exec(dst ?? '');
  if (!local) throw new SfError('001003', 'SQL compilation error:\nGET expects @<stage> file://<directory>', '42000');
  const { root, prefix } = stageDir(s, src);
  const o = parseOptions(rest.join(' '));
  const files = stageFiles(root, prefix, o.PATTERN);
  return { upload: { command: 'DOWNLOAD', src_locations: files, localLocation: local[1], stageInfo: localStage(root), parallel: 1, presignedUrls: [] } };
}

function localStage(location) {
  return { locationType: 'LOCAL_FS', location: location.endsWith(path.sep) ? location : location + path.sep, path: '', region: null, creds: {}, isClientSideEncrypted: false };
}

function displayName(ref, rel) {
  if (ref.kind === 'named') return `${ref.name[ref.name.length - 1].toLowerCase()}/${rel}`;
  return rel;
}

function list(s, sql) {
  const [, ref, ...rest] = splitCommand(sql);
  const { root, prefix, ref: r } = stageDir(s, ref);
  const o = parseOptions(rest.join(' '));
  const rows = stageFiles(root, prefix, o.PATTERN).map((rel) => {
    const st = fs.statSync(path.join(root, rel));
    return [displayName(r, rel), st.size, '', st.mtime.toUTCString()];
  });
  return tableResult([['name', 'text'], ['size', 'fixed'], ['md5', 'text'], ['last_modified', 'text']], rows);
}

function remove(s, sql) {
  const [, ref, ...rest] = splitCommand(sql);
  const { root, prefix, ref: r } = stageDir(s, ref);
  const o = parseOptions(rest.join(' '));
  const rows = stageFiles(root, prefix, o.PATTERN).map((rel) => {
    fs.rmSync(path.join(root, rel));
    return [displayName(r, rel), 'removed'];
  });
  return tableResult([['name', 'text'], ['result', 'text']], rows);
}

/** CREATE/DROP [TEMPORARY] STAGE and FILE FORMAT: remembered by fully qualified name. */
function defineObject(s, toks, verb, kindAt) {
  const isStage = isWord(toks[kindAt], 'STAGE');
  let i = kindAt + 1;
  const ifClause = isWord(toks[i], 'IF');
  if (ifClause) i += verb === 'CREATE' ? 3 : 2;
  const { parts, next } = readName(toks, i);
  const key = s.qualify(parts).replace(/"/g, '');
  const registry = isStage ? s.warehouse.stages : s.warehouse.fileFormats;
  const label = isStage ? 'Stage' : 'File format';
  if (verb === 'DROP') {
    if (!registry.has(key) && !ifClause) throw new SfError('002003', `${label} '${key}' does not exist or not authorized.`, '02000');
    registry.delete(key);
    if (isStage) fs.rmSync(path.join(s.warehouse.stageDir, 'named', key), { recursive: true, force: true });
    return statusResult(`${parts[parts.length - 1]} successfully dropped.`);
  }
  const replace = isWord(toks[1], 'OR');
  if (registry.has(key) && ifClause) return statusResult(`${parts[parts.length - 1]} already exists, statement succeeded.`);
  if (registry.has(key) && !replace) throw new SfError('002002', `SQL compilation error:\nObject '${key}' already exists.`, '42710');
  registry.set(key, parseOptions(sqlAfter(toks, next)));
  if (isStage && replace) fs.rmSync(path.join(s.warehouse.stageDir, 'named', key), { recursive: true, force: true });
  return statusResult(`${label} area ${parts[parts.length - 1]} successfully created.`);
}

function sqlAfter(toks, i) {
  return toks.slice(i).map((t) => t.pre + t.text).join('');
}
