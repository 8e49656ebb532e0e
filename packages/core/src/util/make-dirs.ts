import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, without Node's `{ recursive: true }`: Node 20 loops forever (and ignores SIGTERM) when mkdir answers
 * ENOENT for a folder whose parent exists, as it does under /proc. Creates the missing folders top down; a folder
 * that cannot be made throws the system error (ENOENT, EACCES, ENOTDIR). A parent that vanished while the folders
 * were being made (ENOENT) gets one fresh attempt. Returns the first folder created, if any.
 * Plain JavaScript in a string so the compiled-file writer's worker (compile/write-files.ts) runs the same code.
 */
export const MAKE_DIRS_JS = `function makeDirs(fs, dirname, dir, retried) {
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
    // Made by someone else meanwhile (another thread or process): fine.
    try { fs.mkdirSync(missing[i]); } catch (e) {
      if (e && e.code === 'EEXIST') continue;
      // A parent removed meanwhile (\`rm -rf target\` from another shell): start again from the top, once.
      if (e && e.code === 'ENOENT' && !retried) return makeDirs(fs, dirname, dir, true);
      throw e;
    }
  }
  return missing[missing.length - 1];
}`;

const impl = new Function(`return ${MAKE_DIRS_JS}`)() as (fsApi: typeof fs, dir: typeof dirname, path: string) => string | undefined;

export function makeDirs(dir: string): string | undefined {
  return impl(fs, dirname, resolve(dir));
}
