import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readSpecs } from './read-specs.js';
import type { PackageSpec, PinnedPackage } from './types.js';

export const LOCK_FILE = 'package-lock.yml';

/** Python's json.dumps(value, sort_keys=True): ", " and ": " separators, non-ASCII escaped. */
function pyJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value).sort().map((k) => `${pyJson(k)}: ${pyJson((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value ?? null);
}

/**
 * An entry as dbt 1.8+ serialises its package contract (`package.to_dict()`): the contract's fields, None kept,
 * and `unrendered`, the entry as written. Matching it lets a package-lock.yml written by dbt count as current.
 */
function contractDict(spec: PackageSpec): Record<string, unknown> {
  const raw = spec.at.raw;
  const orNull = (v: unknown) => (v === undefined ? null : v);
  switch (spec.kind) {
    case 'hub':
      return { package: spec.package, version: Array.isArray(raw.version) ? spec.versions : spec.versions[0], install_prerelease: spec.installPrerelease, unrendered: raw };
    case 'git':
      return { git: spec.git, revision: orNull(spec.revision), 'warn-unpinned': orNull(raw['warn-unpinned']), subdirectory: orNull(spec.subdirectory), unrendered: raw };
    case 'tarball':
      return { tarball: spec.tarball, name: spec.name, unrendered: raw };
    case 'local':
      return { local: spec.local, unrendered: raw };
  }
}

/** dbt's `sha1_hash` of the packages spec: each entry's contract as JSON with sorted keys, sorted, joined by newlines. */
export function specHash(specs: PackageSpec[]): string {
  const lines = specs.map((s) => pyJson(contractDict(s))).sort();
  return createHash('sha1').update(lines.join('\n'), 'utf8').digest('hex');
}

export function lockedHash(projectDir: string): string | undefined {
  const path = join(projectDir, LOCK_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const raw = parse(readFileSync(path, 'utf8')) as { sha1_hash?: unknown } | null;
    return typeof raw?.sha1_hash === 'string' ? raw.sha1_hash : undefined;
  } catch {
    return undefined;
  }
}

/** The lock's entries as specs pinned to one version, revision or URL each (their lines in package-lock.yml). */
export function readLock(projectDir: string, vars: Record<string, unknown>): PackageSpec[] {
  return readSpecs(projectDir, '', vars, (f) => f, [LOCK_FILE]);
}

/** A pinned package as dbt 1.8 writes it in package-lock.yml: the `name` it installs under, keys sorted. */
function lockEntry(p: PinnedPackage): Record<string, unknown> {
  switch (p.kind) {
    case 'hub': return { name: p.name, package: p.package, version: p.version };
    case 'git': return { git: p.gitRaw, name: p.name, revision: p.revision, ...(p.subdirectory ? { subdirectory: p.subdirectory } : {}) };
    case 'tarball': return { name: p.name, tarball: p.tarballRaw };
    case 'local': return { local: String(p.at.raw.local ?? p.local), name: p.name };
  }
}

/** package-lock.yml's text for the pinned packages and the spec's hash. */
export function lockText(pinned: PinnedPackage[], hash: string): string {
  return stringify({ packages: pinned.map(lockEntry), sha1_hash: hash }, { indentSeq: true, lineWidth: 0 });
}
