import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsdbtError } from '@tsdbt/core';

const require = createRequire(import.meta.url);

/** Both `src/*.ts` (tests) and `dist/*.js` sit one level under the package root. */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function mustExist(path: string, hint: string): string {
  if (!existsSync(path)) throw new TsdbtError('TSDBT_DOCS_ASSET_MISSING', `A file of the docs site is missing: ${path}`, { hint });
  return path;
}

/** The libraries copied into `target/assets/` (bundled with the site, never from a CDN), and the style sheet. */
export function libraryAssets(): { name: string; path: string }[] {
  const reinstall = 'Reinstall the dependencies: npm ci';
  return [
    { name: 'chart.umd.min.js', path: mustExist(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), reinstall) },
    { name: 'dagre.min.js', path: mustExist(join(dirname(require.resolve('@dagrejs/dagre/package.json')), 'dist', 'dagre.min.js'), reinstall) },
    { name: 'style.css', path: mustExist(join(packageRoot, 'assets', 'style.css'), reinstall) },
  ];
}

/**
 * The site's own code as one classic script: tsc's anonymous AMD modules from dist/site, each named by its file,
 * behind a minimal define/require (which leaves `define.amd` unset, so Chart.js and dagre keep their globals).
 */
export function siteScript(): string {
  const dir = mustExist(join(packageRoot, 'dist', 'site'), 'Build the packages first: npm run build');
  const modules = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  mustExist(join(dir, 'main.js'), 'Build the packages first: npm run build');
  const parts = modules.map((file) => {
    const name = `site/${file.slice(0, -3)}`;
    return readFileSync(join(dir, file), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '').replace(/^define\(\[/m, `define(${JSON.stringify(name)}, [`);
  });
  return `${AMD_LOADER}${parts.join('\n')}\nrequireModule('site/main');\n`;
}

const AMD_LOADER = `(function(){var defs={},done={};
function resolve(from,dep){if(dep.charAt(0)!=='.')return dep;var parts=from.split('/');parts.pop();
dep.replace(/\\.js$/,'').split('/').forEach(function(p){if(p==='..')parts.pop();else if(p!=='.')parts.push(p);});return parts.join('/');}
window.define=function(name,deps,factory){defs[name]={deps:deps,factory:factory};};
window.requireModule=function req(name){if(done[name])return done[name].exports;var d=defs[name];if(!d)throw new Error('site module '+name+' is missing');
var module={exports:{}};done[name]=module;var args=d.deps.map(function(x){return x==='require'?req:x==='exports'?module.exports:req(resolve(name,x));});
d.factory.apply(null,args);return module.exports;};})();
`;
