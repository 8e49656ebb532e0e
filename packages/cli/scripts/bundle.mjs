#!/usr/bin/env node
// Bundles the CLI's runtime (tsc's dist/ of this package and of the @tsdbt/* packages, and their pure-JS
// dependencies) into dist/bundle/: a few ESM files instead of ~300 modules to resolve, read and link at every start.
// Code splitting keeps each command's libraries behind the dynamic import that loads them today. Driver SDKs and
// packages loaded through createRequire stay external: Node loads them from node_modules as before.
// Run after `tsc -b` (the root `build` and `prepare` scripts do both). bin/tsdbt.js uses the bundle only while
// stamp.json says it is as new as every package's tsc output; otherwise it runs dist/bin.js.
import { build } from 'esbuild';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// `--outdir DIR` (tests): somewhere under packages/cli, so that the bundle resolves @tsdbt/* as dist/bundle does.
const outdir = resolve(arg('--outdir') ?? join(cliDir, 'dist', 'bundle'));

/** Native bindings and network drivers: loaded lazily from node_modules, never copied into the bundle. */
const external = ['@duckdb/node-api', 'snowflake-sdk', 'mssql', 'tedious', 'playwright-core', 'nunjucks'];

/** The nearest package.json above `file`: its folder and name. */
const packageOf = (() => {
  const cache = new Map();
  return (file) => {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      if (cache.has(dir)) return cache.get(dir);
      try {
        const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (name) {
          cache.set(dir, { dir, name });
          return cache.get(dir);
        }
      } catch {
        // No package.json here: look further up.
      }
    }
    throw new Error(`no package.json above ${file}`);
  };
})();

/**
 * The packages of this repository the bundle is built from (their tsc output): folder → mtime of their tsc build
 * info, taken before any of their files is read (tsc writes it last, so a build that races this one is seen).
 */
const workspace = new Map();
const isWorkspace = (name) => name === 'tsdbt' || name.startsWith('@tsdbt/');

/**
 * `import.meta.url` of a bundled module would name the bundle's chunk, not the module's own file: core finds its
 * include/ folder and docs its assets relative to it. So each use becomes that file's URL, found from its package
 * as Node resolves it at run time (the repository's packages/ or an install's node_modules/@tsdbt/).
 * Also `import(`@tsdbt/adapter-${type}`)` gets the shipped adapters spelled out, so that they are bundled and share
 * the bundle's copy of @tsdbt/core (an adapter loaded from node_modules would load a second core).
 */
let adaptersSpelledOut = false;
const runtimePaths = {
  name: 'tsdbt-runtime-paths',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const pkg = packageOf(args.path);
      if (isWorkspace(pkg.name) && !workspace.has(pkg.dir)) workspace.set(pkg.dir, statSync(join(pkg.dir, 'dist', '.tsbuildinfo')).mtimeMs);
      let text = readFileSync(args.path, 'utf8');
      // Would silently name the chunk: use import.meta.url, which is rewritten below.
      const other = /import\.meta\.(dirname|filename|resolve)\b/.exec(text);
      if (other && isWorkspace(pkg.name)) throw new Error(`${args.path}: ${other[0]} is not supported in bundled code; use import.meta.url`);
      const adapterImport = 'import(`@tsdbt/adapter-${type}`)';
      const adapters = text.includes(adapterImport);
      if (adapters) {
        adaptersSpelledOut = true;
        const shipped = ['duckdb', 'snowflake'].map((t) => `type === '${t}' ? import('@tsdbt/adapter-${t}') : `).join('');
        text = text.replace(adapterImport, () => `(${shipped}${adapterImport})`);
      }
      if (!text.includes('import.meta.url')) return adapters ? { contents: text, loader: 'js', resolveDir: dirname(args.path) } : undefined;
      if (!isWorkspace(pkg.name)) {
        throw new Error(`${args.path} uses import.meta.url: mark ${pkg.name} external in packages/cli/scripts/bundle.mjs`);
      }
      const rel = relative(pkg.dir, args.path).split(sep).join('/');
      const url = `__tsdbtFileUrl(${JSON.stringify(pkg.name)}, ${JSON.stringify(rel)})`;
      text = `import { fileUrl as __tsdbtFileUrl } from ${JSON.stringify(join(cliDir, 'scripts', 'file-url.mjs'))};\n${text.replaceAll('import.meta.url', url)}`;
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { bin: join(cliDir, 'dist', 'bin.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies inside an ESM bundle call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __tsdbtCreateRequire } from 'node:module'; const require = __tsdbtCreateRequire(import.meta.url);" },
  plugins: [runtimePaths],
});

if (!adaptersSpelledOut) throw new Error("core's `import(`@tsdbt/adapter-${type}`)` was not found: update packages/cli/scripts/bundle.mjs");

// What bin/tsdbt.js checks before using the bundle: every bundled package's tsc build info, unchanged since.
const inputs = [...workspace].sort().map(([dir, mtimeMs]) => [relative(outdir, join(dir, 'dist', '.tsbuildinfo')).split(sep).join('/'), mtimeMs]);
// `--metafile FILE`: what went into each output, for esbuild's analyzer (https://esbuild.github.io/analyze/).
if (arg('--metafile')) writeFileSync(arg('--metafile'), JSON.stringify(result.metafile));
writeFileSync(join(outdir, 'stamp.json'), `${JSON.stringify({ inputs })}\n`);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`tsdbt bundle: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files, ${(bytes / 1e6).toFixed(1)} MB in ${relative(process.cwd(), outdir) || '.'}\n`);
