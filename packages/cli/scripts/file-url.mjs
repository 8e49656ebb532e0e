// Part of the bundle (see bundle.mjs): the URL a bundled module's `import.meta.url` had before bundling.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const roots = new Map();

/** file:// URL of `file` (a path inside package `name`), the package found as Node resolves it from the bundle. */
export function fileUrl(name, file) {
  let root = roots.get(name);
  if (!root) roots.set(name, (root = pathToFileURL(`${dirname(require.resolve(`${name}/package.json`))}/`)));
  return new URL(file, root).href;
}
