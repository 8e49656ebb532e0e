import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { TsdbtError } from '@tsdbt/core';
import { announceAddPackage, blameAddPackage, planAddPackage, type AddPlan } from './add-package/plan-add-package.js';
import { DepsContext } from './deps-context.js';
import { HubClient, hubUrl } from './hub-client.js';
import { installPackages, reportOutdated, swapInto } from './install-packages.js';
import { LOCK_FILE, lockedHash, lockText, readLock, specHash } from './lock-file.js';
import { pinPackage, type Pinned } from './pin-package.js';
import { readSpecs } from './read-specs.js';
import { makeWorkDir, removeStagedLeftovers, StagedFiles } from './staged-files.js';
import { checkNames, resolvePackages, specKey } from './resolve-packages.js';
import type { DepsEvent, DepsOptions, DepsResult, PackageSpec } from './types.js';

function readProject(projectDir: string): { name: string; installPath: string } {
  const path = join(projectDir, 'dbt_project.yml');
  if (!existsSync(path))
    throw new TsdbtError('TSDBT_PROJECT_NOT_FOUND', `No dbt_project.yml found at ${projectDir}`, { exitCode: 2, hint: 'Run tsdbt deps from the project folder or pass --project-dir.' });
  const raw = (parse(readFileSync(path, 'utf8')) ?? {}) as Record<string, unknown>;
  const installPath = typeof raw['packages-install-path'] === 'string' ? raw['packages-install-path'] : 'dbt_packages';
  return { name: String(raw.name ?? ''), installPath: resolve(projectDir, installPath) };
}

/** The packages package-lock.yml pins, each pinned again (a hub package's latest version, a commit's checkout). */
async function pinFromLock(ctx: DepsContext, roots: PackageSpec[]): Promise<Pinned[]> {
  const byKey = new Map(roots.map((s) => [specKey(s, ctx.rootDir), s]));
  const pins: Pinned[] = [];
  for (const locked of readLock(ctx.rootDir, ctx.vars)) {
    // An entry of packages.yml is named by its line there; a package asked for by another by its line in the lock.
    const root = byKey.get(specKey(locked, ctx.rootDir));
    const spec = root ? { ...locked, at: { ...root.at, raw: locked.at.raw } } : locked;
    pins.push(await pinPackage(ctx, [spec]));
  }
  checkNames(ctx, pins);
  return pins;
}

/**
 * `dbt deps`: installs the packages of packages.yml / dependencies.yml and the packages they ask for into
 * packages-install-path. package-lock.yml pins what was resolved: while packages.yml is unchanged (its sha1_hash)
 * deps installs what the lock says; `upgrade` resolves again; `lockOnly` resolves and writes the lock only.
 * `addPackage` (dbt 1.8's `--add-package`) adds or updates an entry first; `dryRun` then writes the files and
 * installs nothing. packages.yml and package-lock.yml are renamed into place only once the install succeeded.
 */
export async function deps(options: DepsOptions = {}): Promise<DepsResult> {
  const projectDir = resolve(options.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.');
  const emit = options.onEvent ?? (() => {});
  const { name, installPath } = readProject(projectDir);
  removeStagedLeftovers(projectDir, installPath);
  const plan = options.addPackage === undefined ? undefined : planAddPackage(projectDir, options.addPackage, options.source);
  try {
    return await depsWith(projectDir, name, installPath, plan, options, emit);
  } catch (error) {
    throw plan ? blameAddPackage(error, plan) : error;
  }
}

async function depsWith(
  projectDir: string, name: string, installPath: string, plan: AddPlan | undefined, options: DepsOptions, emit: (e: DepsEvent) => void,
): Promise<DepsResult> {
  const vars = options.vars ?? {};
  const specs = readSpecs(projectDir, '', vars, undefined, undefined, plan ? { [plan.edit.file]: plan.edit.text } : {});
  const lockPath = join(projectDir, LOCK_FILE);
  const hash = specHash(specs);
  const relock = options.upgrade === true || lockedHash(projectDir) !== hash;
  const lockOnly = options.lockOnly === true || options.dryRun === true;
  mkdirSync(dirname(installPath), { recursive: true });
  const workDir = makeWorkDir(installPath);
  const ctx = new DepsContext(projectDir, name, vars, new HubClient(hubUrl(options.hubUrl)), workDir, emit);
  const files = new StagedFiles();
  // Synchronous, and the swap is too: the listener runs before or after a swap, never inside one.
  const removeWorkDir = () => {
    rmSync(workDir, { recursive: true, force: true });
    files.discard();
  };
  options.signal?.addEventListener('abort', removeWorkDir, { once: true });
  try {
    if (specs.length === 0) {
      emit({ level: 'warn', message: 'Warning: No packages were found in packages.yml' });
      // As dbt: the install folder is emptied (an empty one takes its place).
      if (!lockOnly) {
        mkdirSync(join(workDir, 'empty'));
        swapInto(join(workDir, 'empty'), installPath, join(workDir, 'previous'));
      }
      return { installed: [], lockWritten: false, lockPath };
    }
    const resolved = relock ? await resolvePackages(ctx, specs) : undefined;
    if (plan) files.stage(plan.path, plan.edit.text);
    if (lockOnly) {
      // As dbt's `deps --lock`: a lock that matches packages.yml is left alone.
      if (resolved) files.stage(lockPath, lockText(resolved.map((p) => p.pinned), hash));
      files.commit();
      if (plan) announceAddPackage(plan, emit);
      if (resolved) emit({ level: 'info', message: `Updating lock file in file path: ${lockPath}` });
      return { installed: [], lockWritten: !!resolved, lockPath };
    }
    const pins = resolved ?? (await pinFromLock(ctx, specs));
    if (relock) files.stage(lockPath, lockText(pins.map((p) => p.pinned), hash));
    const outdated = await installPackages(ctx, pins, installPath);
    files.commit();
    if (plan) announceAddPackage(plan, emit);
    if (relock) emit({ level: 'info', message: `Updating lock file in file path: ${lockPath}` });
    reportOutdated(ctx, outdated);
    return { installed: pins.map((p) => p.pinned), lockWritten: relock, lockPath };
  } finally {
    options.signal?.removeEventListener('abort', removeWorkDir);
    removeWorkDir();
  }
}
