import * as fs from 'node:fs';
import { dirname } from 'node:path';

/** One file to write: absolute path and its text. */
export type FileToWrite = [path: string, text: string];

/** Folder → whether this run created it (a file in a fresh folder cannot exist yet). */
export type MadeDirs = Map<string, boolean>;

type WriteFilesFn = (fsApi: typeof fs, dir: typeof dirname, files: FileToWrite[], madeDirs: MadeDirs) => number;

/**
 * Writes files, creating each folder once. A file in a folder that already existed is read first and left alone
 * when it holds the same text: a warm compile then changes nothing on disk (no truncate, no new blocks), while a
 * cold one (fresh folders) never pays for the read. Returns how many files were written.
 * Plain JavaScript in a string because the write worker (background-writer.ts) evaluates the same code: a worker
 * cannot load this package's TypeScript sources when tests run them.
 */
export const WRITE_FILES_JS = `function writeFiles(fs, dirname, files, madeDirs) {
  let written = 0;
  for (const [path, text] of files) {
    const dir = dirname(path);
    let fresh = madeDirs.get(dir);
    if (fresh === undefined) {
      const first = makeDirs(fs, dirname, dir);
      fresh = first !== undefined;
      // Every folder from the first one created down to dir is new too.
      for (let d = dir; fresh && d.length >= first.length; d = dirname(d)) madeDirs.set(d, true);
      madeDirs.set(dir, fresh);
    }
    if (!fresh) {
      let same = false;
      try { same = fs.readFileSync(path, 'utf8') === text; } catch {}
      if (same) continue;
    }
    fs.writeFileSync(path, text);
    written++;
  }
  return written;
}
// mkdir -p without Node 20's recursive mkdir, which loops forever where mkdir answers ENOENT under an existing
// parent (/proc): missing folders are made top down, and one that cannot be made throws (as util/make-dirs.ts).
function makeDirs(fs, dirname, dir) {
  const missing = [];
  for (let d = dir; ; d = dirname(d)) {
    const st = fs.statSync(d, { throwIfNoEntry: false });
    if (st) {
      if (st.isDirectory()) break;
      throw Object.assign(new Error("ENOTDIR: not a directory, mkdir '" + d + "'"), { code: 'ENOTDIR', path: d });
    }
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try { fs.mkdirSync(missing[i]); } catch (e) { if (!e || e.code !== 'EEXIST') throw e; }
  }
  return missing[missing.length - 1];
}`;

const compiled = new Function(`return ${WRITE_FILES_JS}`)() as WriteFilesFn;

/** writeFiles on this thread (see WRITE_FILES_JS). */
export function writeFiles(files: FileToWrite[], madeDirs: MadeDirs = new Map()): number {
  return compiled(fs, dirname, files, madeDirs);
}
