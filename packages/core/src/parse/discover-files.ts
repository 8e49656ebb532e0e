import type { ProjectPackage } from '../project/packages.js';
import { newListingCache, walkFiles, type ListingCache } from '../util/walk-files.js';

export interface DiscoveredFile {
  /** Path relative to the package folder (dbt's original_file_path). */
  file: string;
  /** Path relative to its resource folder (dbt's `path`). */
  path: string;
}

export interface PackageFiles {
  models: DiscoveredFile[];
  seeds: DiscoveredFile[];
  snapshots: DiscoveredFile[];
  analyses: DiscoveredFile[];
  tests: DiscoveredFile[];
  macros: DiscoveredFile[];
  properties: DiscoveredFile[];
  docs: DiscoveredFile[];
  /** `size:mtime` of the files listed, by absolute path (taken while walking, for partial parse). */
  stamps: Map<string, string>;
}

function under(dir: string, roots: string[], exts: string[], cache: ListingCache): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  for (const root of roots) {
    const clean = root.replace(/\/+$/, '');
    for (const file of walkFiles(dir, clean, exts, cache)) out.push({ file, path: file.slice(clean.length + 1) });
  }
  return out;
}

const discovered = new WeakMap<ProjectPackage, PackageFiles>();

/** The files of one package by role, as dbt finds them under its *-paths (walked once per parse). */
export function discoverFiles(pkg: ProjectPackage): PackageFiles {
  let files = discovered.get(pkg);
  if (!files) discovered.set(pkg, (files = walkPackage(pkg)));
  return files;
}

function walkPackage(pkg: ProjectPackage): PackageFiles {
  const c = pkg.config;
  const cache = newListingCache();
  const yml = ['.yml', '.yaml'];
  const testSql = under(pkg.dir, c.testPaths, ['.sql'], cache);
  const isGeneric = (f: DiscoveredFile) => /(^|\/)generic\//.test(f.path);
  const propertyRoots = [...new Set([...c.modelPaths, ...c.seedPaths, ...c.snapshotPaths, ...c.analysisPaths, ...c.macroPaths, ...c.testPaths])];
  return {
    models: under(pkg.dir, c.modelPaths, ['.sql'], cache),
    seeds: under(pkg.dir, c.seedPaths, ['.csv'], cache),
    snapshots: under(pkg.dir, c.snapshotPaths, ['.sql'], cache),
    analyses: under(pkg.dir, c.analysisPaths, ['.sql'], cache),
    tests: testSql.filter((f) => !isGeneric(f)),
    // Generic tests under tests/generic/ are macro definitions, as in dbt.
    macros: [...under(pkg.dir, c.macroPaths, ['.sql'], cache), ...testSql.filter(isGeneric)],
    properties: dedupe(under(pkg.dir, propertyRoots, yml, cache)),
    docs: dedupe(under(pkg.dir, c.docsPaths, ['.md'], cache)),
    stamps: cache.stamps,
  };
}

function dedupe(files: DiscoveredFile[]): DiscoveredFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.file) && !!seen.add(f.file));
}
