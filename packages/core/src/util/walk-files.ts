import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Directory listings (name, is-directory) shared by the walks of one discovery: a folder is read once, not per extension set. */
export type ListingCache = Map<string, [string, boolean][]>;

function list(abs: string, cache?: ListingCache): [string, boolean][] {
  let entries = cache?.get(abs);
  if (!entries) {
    entries = readdirSync(abs, { withFileTypes: true }).map((e) => [e.name, e.isDirectory()] as [string, boolean]);
    cache?.set(abs, entries);
  }
  return entries;
}

/** Every file under `dir` whose name ends with one of `extensions`, as POSIX paths relative to `root`, sorted. */
export function walkFiles(root: string, dir: string, extensions: string[], cache?: ListingCache): string[] {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  const out: string[] = [];
  const visit = (abs: string, rel: string): void => {
    for (const [name, isDir] of list(abs, cache)) {
      if (name.startsWith('.')) continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (isDir) visit(join(abs, name), childRel);
      else if (extensions.some((ext) => name.endsWith(ext))) out.push(childRel);
    }
  };
  visit(start, relative(root, start).split(sep).join('/'));
  return out.sort();
}
