import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isRecord, readYaml } from '../util/yaml-file.js';
import { yamlPosition } from '../util/yaml-position.js';
import { loadProjectConfig, type ProjectConfig } from './project-config.js';

/** A project taking part in the parse: the root project or one of its packages. */
export interface ProjectPackage {
  name: string;
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the root project, '' for the root (used to name files in diagnostics). */
  relDir: string;
  config: ProjectConfig;
  isRoot: boolean;
}

/** The entries of packages.yml, else dependencies.yml, as dbt reads them (one file holds the packages). */
function specFile(dir: string, rootDir: string): { file: string; entries: unknown[] } | undefined {
  for (const file of ['packages.yml', 'dependencies.yml']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    // An installed package's file is named from the root project, as its other files are in diagnostics.
    const shown = relative(rootDir, path) || file;
    const raw = readYaml(path, shown);
    if (raw === null || raw === undefined) continue;
    if (!isRecord(raw) || (raw.packages !== undefined && raw.packages !== null && !Array.isArray(raw.packages)))
      throw new TsdbtError('TSDBT_CONFIG_TYPE', `'packages' in ${file} must be a list`, { file: shown });
    if (Array.isArray(raw.packages)) return { file, entries: raw.packages };
  }
  return undefined;
}

function localEntries(dir: string, spec: ReturnType<typeof specFile>): string[] {
  if (!spec) return [];
  return spec.entries.filter((e): e is { local: string } => isRecord(e) && typeof e.local === 'string').map((e) => resolve(dir, e.local));
}

/** package-lock.yml's entries with the folder name `tsdbt deps` / `dbt deps` installed each under. */
function lockedNames(dir: string): Array<Record<string, unknown>> {
  const path = join(dir, 'package-lock.yml');
  if (!existsSync(path)) return [];
  try {
    const raw = readYaml(path, 'package-lock.yml');
    return isRecord(raw) && Array.isArray(raw.packages) ? raw.packages.filter(isRecord) : [];
  } catch {
    return [];
  }
}

const gitName = (url: string) => basename(url.replace(/\/+$/, '')).replace(/\.git$/, '');

/** The folder an entry installs under: package-lock.yml's `name` when it has one (exact), else a guess. */
function expectedName(entry: Record<string, unknown>, lock: Array<Record<string, unknown>>): { name: string; exact: boolean } | undefined {
  const key = (['package', 'git', 'tarball', 'private'] as const).find((k) => typeof entry[k] === 'string');
  if (!key) return undefined;
  const locked = lock.find((l) => l[key] === entry[key] && (l.subdirectory ?? null) === (entry.subdirectory ?? null));
  if (locked && typeof locked.name === 'string') return { name: locked.name, exact: true };
  if (key === 'tarball' && typeof entry.name === 'string') return { name: entry.name, exact: true };
  const value = String(entry[key]);
  if (key === 'git') return { name: typeof entry.subdirectory === 'string' ? basename(entry.subdirectory) : gitName(value), exact: false };
  return { name: value.split('/').pop() ?? value, exact: false };
}

/**
 * dbt's check before it parses: every package packages.yml names must be installed ("dbt found 1 package(s)
 * specified in packages.yml, but only 0 package(s) installed ..."), else `ref`s and macros of the package fail
 * later with a message that does not say why. Local entries count when their folder exists. A guessed folder
 * name (no package-lock.yml to say it) only counts as missing when the install folder also holds too few
 * packages, as dbt counts, so a package whose project name differs from its repository still passes.
 */
function checkInstalled(root: ProjectPackage, spec: ReturnType<typeof specFile>, installedDir: string, installed: Map<string, boolean>): void {
  if (!spec) return;
  const lock = lockedNames(root.dir);
  const missing: Array<{ index: number; label: string; exact: boolean }> = [];
  let remote = 0;
  spec.entries.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    if (typeof entry.local === 'string') {
      if (!existsSync(resolve(root.dir, entry.local))) missing.push({ index, label: `local: ${entry.local}`, exact: true });
      return;
    }
    const expected = expectedName(entry, lock);
    if (!expected) return;
    remote++;
    const label = String(entry.package ?? entry.git ?? entry.tarball ?? entry.private);
    const candidates = [expected.name, expected.name.replace(/-/g, '_')];
    if (!candidates.some((n) => installed.has(n))) missing.push({ index, label, exact: expected.exact });
  });
  // Symlinks are `local:` packages, which are not counted against the remote entries.
  const installedCount = [...installed.values()].filter((isLink) => !isLink).length;
  const real = missing.filter((m) => m.exact || installedCount < remote);
  if (real.length === 0) return;
  const first = real[0]!;
  const where = relative(root.dir, installedDir) || installedDir;
  const specified = spec.entries.length;
  const present = Math.max(0, specified - real.length);
  throw new TsdbtError(
    'TSDBT_PACKAGES_NOT_INSTALLED',
    `tsdbt found ${specified} package(s) specified in ${spec.file}, but only ${present} package(s) installed in ${where}. ` +
      `Not installed: ${real.map((m) => m.label).join(', ')}`,
    { file: spec.file, line: yamlPosition(join(root.dir, spec.file), ['packages', first.index]).line, hint: 'Run "tsdbt deps" to install package dependencies.', exitCode: 2 },
  );
}

/**
 * The root project and its packages: `local:` entries of packages.yml / dependencies.yml, plus whatever
 * `dbt deps` installed under packages-install-path (hub and git packages land there).
 */
export function loadPackages(root: ProjectPackage, warnings: Diagnostic[]): ProjectPackage[] {
  const found = new Map<string, ProjectPackage>([[root.name, root]]);
  const queue: string[] = [];
  // The root's packages.yml is read once, for the install check and its local entries.
  const rootSpec = specFile(root.dir, root.dir);
  const visit = (pkg: ProjectPackage) => {
    queue.push(...localEntries(pkg.dir, pkg === root ? rootSpec : specFile(pkg.dir, root.dir)));
  };
  const installedDir = resolve(root.dir, root.config.packagesInstallPath);
  /** Folder name → whether it is a symlink. */
  const installed = new Map<string, boolean>();
  if (existsSync(installedDir))
    for (const e of readdirSync(installedDir, { withFileTypes: true })) {
      // A `local:` package is installed as a symlink, as dbt makes it; dbt skips `__` folders.
      if (e.name.startsWith('__') || e.name.startsWith('.')) continue;
      if (e.isDirectory()) installed.set(e.name, false);
      else if (e.isSymbolicLink() && statSync(join(installedDir, e.name), { throwIfNoEntry: false })?.isDirectory()) installed.set(e.name, true);
    }
  checkInstalled(root, rootSpec, installedDir, installed);
  visit(root);
  for (const name of installed.keys()) queue.push(join(installedDir, name));
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const relDir = relative(root.dir, dir);
    if (!existsSync(join(dir, 'dbt_project.yml'))) {
      throw new TsdbtError('TSDBT_PACKAGE_NOT_FOUND', `Package folder '${relDir}' has no dbt_project.yml`, {
        file: 'packages.yml',
        hint: 'Check the local: path in packages.yml.',
      });
    }
    const pkgWarnings: Diagnostic[] = [];
    const config = loadProjectConfig(dir, pkgWarnings);
    warnings.push(...pkgWarnings.map((w) => ({ ...w, file: w.file && !isAbsolute(w.file) ? join(relDir, w.file) : w.file })));
    if (found.has(config.name)) continue;
    const pkg: ProjectPackage = { name: config.name, dir, relDir, config, isRoot: false };
    found.set(config.name, pkg);
    visit(pkg);
  }
  return [...found.values()];
}
