import { resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import type { DepsContext } from './deps-context.js';
import { pinPackage, type Pinned } from './pin-package.js';
import type { PackageSpec } from './types.js';

/** The identity dbt merges requests by: a hub package's name, a repository (and subdirectory), a URL, a folder. */
export function specKey(spec: PackageSpec, rootDir: string): string {
  switch (spec.kind) {
    case 'hub': return `hub:${spec.package.toLowerCase()}`;
    case 'git': return `git:${spec.git.replace(/\/+$/, '').replace(/\.git$/, '')}#${spec.subdirectory ?? ''}`;
    case 'tarball': return `tarball:${spec.tarball}`;
    case 'local': return `local:${resolve(rootDir, spec.local)}`;
  }
}

/** Project names must be unique: each is a folder under packages-install-path and a namespace in Jinja. */
export function checkNames(ctx: DepsContext, pins: Pinned[]): void {
  const byName = new Map<string, Pinned>();
  for (const p of pins) {
    const { name, at } = p.pinned;
    const other = byName.get(name);
    if (name === ctx.rootName || other) {
      const clash = other ? `another package (${other.pinned.at.file}${other.pinned.at.line ? `:${other.pinned.at.line}` : ''})` : 'your root project';
      throw new TsdbtError('TSDBT_DEPS_NAME_CONFLICT', `Found duplicate project "${name}": this package has the same project name as ${clash}`, {
        file: at.file, line: at.line,
        hint: 'Two packages cannot share a project name: remove one of the entries, or rename one of the projects.',
      });
    }
    byName.set(name, p);
  }
}

/**
 * dbt's resolver: every request merged by package (hub version ranges intersected), each package pinned and its
 * own packages.yml read, round after round until nothing new is asked for; then every package pinned again with
 * all the requests known. Project names must be unique across the result.
 */
export async function resolvePackages(ctx: DepsContext, roots: PackageSpec[]): Promise<Pinned[]> {
  const listing = new Map<string, PackageSpec[]>();
  const seen = new Set<string>();
  let pending = roots;
  while (pending.length > 0) {
    const next: PackageSpec[] = [];
    for (const spec of pending) {
      const key = specKey(spec, ctx.rootDir);
      const id = `${key}\n${spec.at.requiredBy}\n${JSON.stringify(spec.at.raw)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const requests = listing.get(key) ?? [];
      if (requests.length > 0 && requests[0]!.kind !== spec.kind) continue;
      requests.push(spec);
      listing.set(key, requests);
      next.push(...(await pinPackage(ctx, requests)).deps);
    }
    pending = next;
  }
  const pins: Pinned[] = [];
  for (const requests of listing.values()) pins.push(await pinPackage(ctx, requests));
  checkNames(ctx, pins);
  return pins;
}
