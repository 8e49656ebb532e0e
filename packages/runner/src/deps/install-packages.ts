import { cpSync, existsSync, lstatSync, mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DepsContext } from './deps-context.js';
import { depsError, reason } from './deps-error.js';
import { shownUrl } from './http-get.js';
import type { Pinned } from './pin-package.js';
import type { PinnedPackage } from './types.js';

/** dbt's name for a package in its console lines: the hub name, the repository, the URL or the folder. */
export function displayName(p: PinnedPackage): string {
  switch (p.kind) {
    case 'hub': return p.package;
    case 'git': return p.gitRaw;
    case 'tarball': return p.tarballRaw;
    case 'local': return String(p.at.raw.local ?? p.local);
  }
}

function versionName(p: PinnedPackage): string {
  switch (p.kind) {
    case 'hub': return `version ${p.version}`;
    case 'git': return `revision ${p.revision}`;
    case 'tarball': return `tarball (url: ${p.tarballRaw})`;
    case 'local': return `<local @ ${String(p.at.raw.local ?? p.local)}>`;
  }
}

/** A `local:` package as dbt installs it: a symlink to its folder, a copy where no symlink can be made. */
function linkLocal(target: string, dest: string): void {
  try {
    symlinkSync(target, dest, 'dir');
  } catch {
    cpSync(target, dest, { recursive: true });
  }
}

async function stage(ctx: DepsContext, p: Pinned, dest: string): Promise<void> {
  const { pinned } = p;
  if (pinned.kind === 'local') return linkLocal(p.contentDir!, dest);
  let dir = p.contentDir;
  if (pinned.kind === 'hub') {
    try {
      dir = await ctx.tarball(pinned.tarballUrl);
    } catch (error) {
      throw depsError('TSDBT_DEPS_DOWNLOAD_FAILED', pinned.at, pinned.package, `version ${pinned.version} could not be downloaded from ${shownUrl(pinned.tarballUrl)}: ${reason(error)}`, 'Check the network (or $DBT_PACKAGE_HUB_URL) and run tsdbt deps again.', error);
    }
    if (!existsSync(join(dir, 'dbt_project.yml')))
      throw depsError('TSDBT_DEPS_NOT_A_PACKAGE', pinned.at, pinned.package, `the archive of version ${pinned.version} holds no dbt_project.yml`, 'Pin another version of the package.');
  }
  renameSync(dir!, dest);
}

/**
 * Installs every package into a staging folder, saying what it does as dbt does, then swaps the staging folder in
 * for packages-install-path. Any failure before the swap leaves the previous install exactly as it was. Returns
 * the hub packages that have a newer version, for reportOutdated to close the output with, as dbt does.
 */
export async function installPackages(ctx: DepsContext, pins: Pinned[], installPath: string): Promise<string[]> {
  const staging = join(ctx.workDir, 'staging');
  mkdirSync(staging, { recursive: true });
  const outdated: string[] = [];
  for (const p of pins) {
    const { pinned } = p;
    ctx.emit({ level: 'info', message: `Installing ${displayName(pinned)}` });
    await stage(ctx, p, join(staging, pinned.name));
    ctx.emit({ level: 'info', message: `Installed from ${versionName(pinned)}` });
    if (pinned.kind === 'hub') {
      if (pinned.latest !== pinned.version) {
        outdated.push(pinned.package);
        ctx.emit({ level: 'info', message: `Updated version available: ${pinned.latest}` });
      } else ctx.emit({ level: 'info', message: 'Up to date!' });
    }
    if (pinned.kind === 'git' && pinned.subdirectory) ctx.emit({ level: 'info', message: `and subdirectory ${pinned.subdirectory}` });
  }
  swapInto(staging, installPath, join(ctx.workDir, 'previous'));
  return outdated;
}

/** dbt's closing note on hub packages with a newer version (`outdated`, as installPackages returns them). */
export function reportOutdated(ctx: DepsContext, outdated: string[]): void {
  if (outdated.length === 0) return;
  ctx.emit({ level: 'info', message: '' });
  ctx.emit({ level: 'info', message: `Updates available for packages: [${outdated.map((o) => `'${o}'`).join(', ')}]\nUpdate your versions in packages.yml, then run tsdbt deps` });
}

/** Renames `staging` to `installPath`, the previous install moved aside first and put back if the rename fails. */
export function swapInto(staging: string, installPath: string, aside: string): void {
  const had = lstatSync(installPath, { throwIfNoEntry: false }) !== undefined;
  mkdirSync(dirname(installPath), { recursive: true });
  if (had) renameSync(installPath, aside);
  try {
    renameSync(staging, installPath);
  } catch (error) {
    if (had) renameSync(aside, installPath);
    throw error;
  }
}
