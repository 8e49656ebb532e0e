import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { MAKE_DIRS_JS } from '../util/make-dirs.js';

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
    try {
      fs.writeFileSync(path, text);
    } catch (e) {
      // The folder went away after it was made (\`rm -rf target\` from another shell): make it again, once. Other
      // folders the cache still lists each come back the same way on their first write.
      if (!e || e.code !== 'ENOENT') throw e;
      makeDirs(fs, dirname, dir);
      fs.writeFileSync(path, text);
    }
    written++;
  }
  return written;
}
${MAKE_DIRS_JS}`;

const compiled = new Function(`return ${WRITE_FILES_JS}`)() as WriteFilesFn;

/** writeFiles on this thread (see WRITE_FILES_JS). */
export function writeFiles(files: FileToWrite[], madeDirs: MadeDirs = new Map()): number {
  return compiled(fs, dirname, files, madeDirs);
}
