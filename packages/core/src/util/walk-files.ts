import { existsSync, lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Folder listings shared by the walks of one discovery (a folder is read once, not per extension set), and the
 * `size:mtime` stamp of every file listed: partial parse compares stamps, and taking them here spares a second
 * stat per file. Plain names and one lstat each cost less than `withFileTypes` plus that second stat.
 */
export interface ListingCache {
  /** Folder → its entries (name, is-directory), dot entries left out. */
  dirs: Map<string, [string, boolean][]>;
  /** Absolute file path (`folder/name`) → `size:mtime`. */
  stamps: Map<string, string>;
}

export const newListingCache = (): ListingCache => ({ dirs: new Map(), stamps: new Map() });

/** What partial parse records of a file: an unchanged stamp means an unchanged file (as make assumes). */
export const statStamp = (st: Stats): string => `${st.size}:${st.mtimeMs}`;

function list(abs: string, cache: ListingCache): [string, boolean][] {
  let entries = cache.dirs.get(abs);
  if (entries) return entries;
  entries = [];
  for (const name of readdirSync(abs)) {
    if (name.startsWith('.')) continue;
    const path = `${abs}/${name}`;
    let st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) continue; // Deleted since the listing.
    // A symlink is never walked into (as with withFileTypes); its stamp is its target's.
    const isDir = st.isDirectory();
    if (st.isSymbolicLink()) st = statSync(path, { throwIfNoEntry: false });
    if (st && !isDir) cache.stamps.set(path, statStamp(st));
    entries.push([name, isDir]);
  }
  // Sorted once per folder, a folder as `name/`: then a depth-first walk yields paths in sorted order.
  const key = ([name, isDir]: [string, boolean]) => (isDir ? `${name}/` : name);
  entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  cache.dirs.set(abs, entries);
  return entries;
}

/** Every file under `dir` whose name ends with one of `extensions`, as POSIX paths relative to `root`, sorted. */
export function walkFiles(root: string, dir: string, extensions: string[], cache: ListingCache = newListingCache()): string[] {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  const out: string[] = [];
  const visit = (abs: string, prefix: string): void => {
    for (const [name, isDir] of list(abs, cache)) {
      if (isDir) visit(`${abs}/${name}`, `${prefix}${name}/`);
      else if (extensions.some((ext) => name.endsWith(ext))) out.push(`${prefix}${name}`);
    }
  };
  const rel = relative(root, start).split(sep).join('/');
  visit(start.endsWith(sep) && start.length > 1 ? start.slice(0, -1) : start, rel === '' ? '' : `${rel}/`);
  return out;
}
