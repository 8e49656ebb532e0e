import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` whose name ends with one of `extensions`, as POSIX paths relative to `root`, sorted. */
export function walkFiles(root: string, dir: string, extensions: string[]): string[] {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  const out: string[] = [];
  const visit = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = join(abs, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (extensions.some((ext) => entry.name.endsWith(ext))) out.push(relative(root, child).split(sep).join('/'));
    }
  };
  visit(start);
  return out.sort();
}
