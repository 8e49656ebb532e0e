import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { closestName, type TsdbtError } from '@tsdbt/core';
import type { DepsContext } from './deps-context.js';
import { depsError, reason } from './deps-error.js';
import { HubResponseError, type HubPackage, type HubVersion } from './hub-client.js';
import { HttpError, shownUrl } from './http-get.js';
import { projectName } from './project-name.js';
import { readSpecs } from './read-specs.js';
import { resolveVersion } from './resolve-version.js';
import type { PackageSpec, PinnedPackage } from './types.js';

/** A package pinned, the folder holding its files (none for a hub package until installed) and what it depends on. */
export interface Pinned {
  pinned: PinnedPackage;
  /** The package's files in this run's downloads (git, tarball) or where they live (local). */
  contentDir?: string;
  deps: PackageSpec[];
}

const UNPINNED = new Set(['HEAD', 'main', 'master']);

function named(dir: string, spec: PackageSpec, label: string): string {
  const name = projectName(dir);
  if (!name)
    throw depsError('TSDBT_DEPS_NOT_A_PACKAGE', spec.at, label, 'the fetched folder has no dbt_project.yml with a name', 'Point the entry at a dbt project (for git, check subdirectory:).');
  return name;
}

function depsOf(ctx: DepsContext, dir: string, name: string): PackageSpec[] {
  return readSpecs(dir, name, ctx.vars, (f) => `${name}/${f}`);
}

/** A hub failure as a deps error: the hub not reached, or an answer that is not its API (a broken mirror). */
function hubError(ctx: DepsContext, spec: PackageSpec, pkg: string, error: unknown): TsdbtError {
  const url = shownUrl(ctx.hub.baseUrl);
  const bad = `Check the hub URL ${url}: $DBT_PACKAGE_HUB_URL, when set, must point at dbt hub or at a mirror serving all of its api/v1/ documents (fix the mirror, or unset the variable to use hub.getdbt.com).`;
  if (error instanceof HubResponseError)
    return depsError('TSDBT_DEPS_HUB_BAD_RESPONSE', spec.at, pkg, `the package hub at ${url} answered with something other than its API: ${error.message}`, bad, error);
  if (error instanceof HttpError && error.status === 404)
    return depsError('TSDBT_DEPS_HUB_BAD_RESPONSE', spec.at, pkg, `the package hub at ${url} has no ${error.url} (HTTP 404)`, bad, error);
  return depsError('TSDBT_DEPS_HUB_UNREACHABLE', spec.at, pkg, `the package hub did not answer: ${reason(error)}`, `Check the network and the hub URL ${url} ($DBT_PACKAGE_HUB_URL), then run tsdbt deps again.`, error);
}

/** The version's entry in the package document, checked for what installing it needs (its tarball's URL). */
function versionEntry(ctx: DepsContext, spec: PackageSpec, pkg: string, info: HubPackage, version: string): HubVersion {
  const meta = info.versions[version] as Partial<HubVersion> | null | undefined;
  const tarball = meta?.downloads?.tarball;
  let missing: string | undefined;
  if (typeof tarball !== 'string' || tarball === '') missing = 'downloads.tarball';
  else if (meta!.packages !== undefined && !Array.isArray(meta!.packages)) missing = 'list of packages';
  if (missing) throw hubError(ctx, spec, pkg, new HubResponseError(`${ctx.hub.baseUrl}api/v1/${pkg}.json`, `has no ${missing} for version ${version}`));
  return meta as HubVersion;
}

async function pinHub(ctx: DepsContext, specs: Array<Extract<PackageSpec, { kind: 'hub' }>>): Promise<Pinned> {
  const first = specs[0]!;
  // Both documents are asked for at once; the package's is read only once the index lists it, as dbt does.
  const document = ctx.hub.package(first.package);
  document.catch(() => {});
  const index = await ctx.hub.index().catch((error: unknown) => {
    throw hubError(ctx, first, first.package, error);
  });
  if (!index.includes(first.package)) {
    const like = closestName(first.package, index);
    throw depsError('TSDBT_DEPS_PACKAGE_NOT_FOUND', first.at, first.package, `not found in the package index at ${shownUrl(ctx.hub.baseUrl)}`,
      like ? `Did you mean ${like}? Fix the package name in packages.yml (as hub.getdbt.com lists it: org/name).` : `Check the package name (org/name, as hub.getdbt.com lists it) and the hub URL ($DBT_PACKAGE_HUB_URL).`);
  }
  const info = await document.catch((error: unknown) => {
    throw hubError(ctx, first, first.package, error);
  });
  if (info.redirectnamespace || info.redirectname) {
    const to = `${info.redirectnamespace ?? info.namespace}/${info.redirectname ?? info.name}`;
    ctx.emit({ level: 'warn', message: `The package ${first.package} is deprecated in favor of ${to}. Please update your \`packages.yml\` configuration to use ${to} instead.` });
  }
  const wanted = specs.flatMap((s) => s.versions);
  const got = resolveVersion(wanted, Object.keys(info.versions), specs.some((s) => s.installPrerelease));
  if (!got.ok) {
    const who = specs.map((s) => `${s.at.requiredBy || 'your project'} asks for ${s.versions.join(', ')}`).join('; ');
    throw depsError('TSDBT_DEPS_VERSION_NOT_FOUND', first.at, first.package, `${got.detail} (${who})`, 'Change the version range in packages.yml; run "tsdbt deps --upgrade" after changing it.');
  }
  const meta = versionEntry(ctx, first, first.package, info, got.version);
  const name = meta.name ?? info.name;
  const deps = (meta.packages ?? []).map((raw): PackageSpec => ({
    kind: 'hub', package: String(raw.package), versions: (Array.isArray(raw.version) ? raw.version : [raw.version]).map(String),
    installPrerelease: raw['install-prerelease'] === true,
    at: { file: `${name}/packages.yml`, line: undefined, requiredBy: name, raw: { ...raw } },
  }));
  return { pinned: { kind: 'hub', package: first.package, version: got.version, latest: got.latest, name, tarballUrl: meta.downloads.tarball, at: first.at }, deps };
}

async function pinGit(ctx: DepsContext, specs: Array<Extract<PackageSpec, { kind: 'git' }>>): Promise<Pinned> {
  const first = specs[0]!;
  const revisions = [...new Set(specs.map((s) => s.revision).filter((r): r is string => r !== undefined))];
  if (revisions.length > 1)
    throw depsError('TSDBT_DEPS_GIT_REVISIONS', first.at, first.gitRaw, `git dependencies should contain exactly one version; asked for ${revisions.map((r) => `'${r}'`).join(', ')}`, 'Make every packages.yml that names this repository ask for the same revision.');
  const revision = revisions[0];
  let checkout: { dir: string; sha: string };
  try {
    checkout = await ctx.checkout(first.git, revision);
  } catch (error) {
    throw depsError('TSDBT_DEPS_GIT_FAILED', first.at, first.gitRaw, `git could not fetch ${revision ? `revision '${revision}'` : 'the default branch'}: ${reason(error, { rendered: first.git, raw: first.gitRaw })}`, 'Check the URL, the revision (a branch, tag or commit) and your access to the repository.', error);
  }
  if (UNPINNED.has(revision ?? 'HEAD') && specs.every((s) => s.warnUnpinned)) {
    const how = revision === undefined || revision === 'HEAD' ? 'not pinned, using HEAD (default branch)' : `pinned to the "${revision}" branch`;
    ctx.emit({ level: 'warn', message: `The git package "${first.gitRaw}" \n\tis ${how}.\n\tThis can introduce breaking changes into your project without warning!\n\nSee https://docs.getdbt.com/docs/package-management#section-specifying-package-versions` });
  }
  const dir = first.subdirectory ? join(checkout.dir, first.subdirectory) : checkout.dir;
  if (!existsSync(dir))
    throw depsError('TSDBT_DEPS_NOT_A_PACKAGE', first.at, first.gitRaw, `the repository has no subdirectory '${first.subdirectory}'`, 'Check subdirectory: in the entry.');
  const name = named(dir, first, first.gitRaw);
  const pinned: PinnedPackage = { kind: 'git', git: first.git, gitRaw: first.gitRaw, revision: checkout.sha, subdirectory: first.subdirectory, name, at: first.at };
  return { pinned, contentDir: dir, deps: depsOf(ctx, dir, name) };
}

async function pinTarball(ctx: DepsContext, spec: Extract<PackageSpec, { kind: 'tarball' }>): Promise<Pinned> {
  let dir: string;
  try {
    dir = await ctx.tarball(spec.tarball);
  } catch (error) {
    throw depsError('TSDBT_DEPS_DOWNLOAD_FAILED', spec.at, spec.tarballRaw, `the tarball could not be installed: ${reason(error, { rendered: spec.tarball, raw: spec.tarballRaw })}`, 'Check the URL (it must serve a .tar.gz of a dbt project) and the network.', error);
  }
  named(dir, spec, spec.tarballRaw);
  return { pinned: { kind: 'tarball', tarball: spec.tarball, tarballRaw: spec.tarballRaw, name: spec.name, at: spec.at }, contentDir: dir, deps: depsOf(ctx, dir, spec.name) };
}

function pinLocal(ctx: DepsContext, spec: Extract<PackageSpec, { kind: 'local' }>): Pinned {
  const dir = isAbsolute(spec.local) ? spec.local : resolve(ctx.rootDir, spec.local);
  if (!existsSync(dir))
    throw depsError('TSDBT_DEPS_LOCAL_NOT_FOUND', spec.at, spec.local, `the folder ${relative(ctx.rootDir, dir) || dir} does not exist`, 'Fix the local: path (relative to the root project).');
  const name = named(dir, spec, spec.local);
  return { pinned: { kind: 'local', local: dir, name, at: spec.at }, contentDir: dir, deps: depsOf(ctx, dir, name) };
}

/** Pins one package from every request for it so far (dbt's `resolved()` on its merged listing entry). */
export function pinPackage(ctx: DepsContext, specs: PackageSpec[]): Promise<Pinned> {
  const first = specs[0]!;
  switch (first.kind) {
    case 'hub': return pinHub(ctx, specs as Array<Extract<PackageSpec, { kind: 'hub' }>>);
    case 'git': return pinGit(ctx, specs as Array<Extract<PackageSpec, { kind: 'git' }>>);
    case 'tarball': return pinTarball(ctx, first);
    case 'local': return Promise.resolve(pinLocal(ctx, first));
  }
}
