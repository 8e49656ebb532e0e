import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, without Node's `{ recursive: true }`: Node 20 loops forever (and ignores SIGTERM) when mkdir answers
 * ENOENT for a folder whose parent exists, as it does under /proc. Creates the missing folders top down; a folder
 * that cannot be made throws the system error (ENOENT, EACCES, ENOTDIR). Returns the first folder created, if any.
 */
export function makeDirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = resolve(dir); !statSync(d, { throwIfNoEntry: false }); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (error) {
      // Made by someone else meanwhile (another thread or process): fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return missing.at(-1);
}
