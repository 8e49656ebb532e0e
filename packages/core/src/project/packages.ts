import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isRecord, readYaml } from '../util/yaml-file.js';
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

function packageEntries(rootDir: string, dir: string, file: string): string[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const rel = relative(rootDir, path) || file;
  const raw = readYaml(path, rel);
  if (raw === null || raw === undefined) return [];
  if (!isRecord(raw) || (raw.packages !== undefined && !Array.isArray(raw.packages)))
    throw new TsdbtError('TSDBT_CONFIG_TYPE', `'packages' in ${file} must be a list`, { file: rel });
  const out: string[] = [];
  for (const entry of (raw.packages ?? []) as unknown[]) {
    if (isRecord(entry) && typeof entry.local === 'string') out.push(resolve(dir, entry.local));
  }
  return out;
}

/**
 * The root project and its packages: `local:` entries of packages.yml / dependencies.yml, plus whatever
 * `dbt deps` installed under packages-install-path (hub and git packages land there).
 */
export function loadPackages(root: ProjectPackage, warnings: Diagnostic[]): ProjectPackage[] {
  const found = new Map<string, ProjectPackage>([[root.name, root]]);
  const queue: string[] = [];
  const visit = (pkg: ProjectPackage) => {
    queue.push(...packageEntries(root.dir, pkg.dir, 'packages.yml'), ...packageEntries(root.dir, pkg.dir, 'dependencies.yml'));
  };
  visit(root);
  const installed = join(root.dir, root.config.packagesInstallPath);
  if (existsSync(installed))
    for (const e of readdirSync(installed, { withFileTypes: true })) if (e.isDirectory()) queue.push(join(installed, e.name));
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
