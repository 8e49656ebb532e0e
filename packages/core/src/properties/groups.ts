import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ManifestGroup } from '../manifest/types.js';
import type { ProjectPackage } from '../project/packages.js';
import { isRecord } from '../util/yaml-file.js';
import type { PropertyEntry } from './read-properties.js';
import { yamlPosition } from '../util/yaml-position.js';

/** A `groups:` entry with its index in the file's list (for the diagnostic's line). */
export type GroupEntry = PropertyEntry & { index: number };

/** dbt's `path` of a YAML resource: the file relative to the resource folder it was found under. */
function resourcePath(pkg: ProjectPackage, file: string): string {
  const c = pkg.config;
  for (const root of [...c.modelPaths, ...c.seedPaths, ...c.snapshotPaths, ...c.analysisPaths, ...c.macroPaths, ...c.testPaths]) {
    const clean = root.replace(/\/+$/, '');
    if (file.startsWith(`${clean}/`)) return file.slice(clean.length + 1);
  }
  return file;
}

const shown = (pkg: ProjectPackage, file: string) => (pkg.relDir ? join(pkg.relDir, file) : file);

/** The owner as dbt keeps it: `email` and `name` always present, any other key carried along. */
function readOwner(owner: unknown): Record<string, unknown> | undefined {
  if (!isRecord(owner)) return undefined;
  const email = owner.email;
  const name = owner.name;
  const emailOk = email === undefined || email === null || typeof email === 'string' || (Array.isArray(email) && email.every((e) => typeof e === 'string'));
  if (!emailOk || (name !== undefined && name !== null && typeof name !== 'string')) return undefined;
  if (!email && !name) return undefined;
  return { ...owner, email: email ?? null, name: name ?? null };
}

/**
 * The manifest's `groups` (`group.<package>.<name>`) from the `groups:` entries of property YAML. A group named
 * twice in one package, or one without an owner name or email, is a coded error at the entry's line.
 */
export function buildGroups(entries: GroupEntry[], problems: Diagnostic[]): Record<string, ManifestGroup> {
  const out: Record<string, ManifestGroup> = {};
  for (const { pkg, file, entry, index } of entries) {
    const name = entry.name as string;
    const uniqueId = `group.${pkg.name}.${name}`;
    const where = () => ({ file: shown(pkg, file), ...yamlPosition(join(pkg.dir, file), ['groups', index]) });
    const owner = readOwner(entry.owner);
    if (!owner) {
      problems.push({
        code: 'TSDBT_GROUP_OWNER', severity: 'error', ...where(),
        message: `Group '${name}' needs an owner with at least one of 'name' or 'email'`,
        hint: `Add 'owner: {name: ..., email: ...}' to group '${name}'.`,
      });
      continue;
    }
    const prior = out[uniqueId];
    if (prior) {
      problems.push({
        code: 'TSDBT_GROUP_DUPLICATE', severity: 'error', ...where(),
        message:
          `dbt found two groups with the name "${name}". Since these resources have the same name, dbt will be unable to find ` +
          `the correct resource when looking for ${name}. - ${uniqueId} (${prior.original_file_path}) - ${uniqueId} (${file})`,
        hint: 'Change the name of one of these groups.',
      });
      continue;
    }
    const config = isRecord(entry.config) ? entry.config : {};
    out[uniqueId] = {
      name,
      resource_type: 'group',
      package_name: pkg.name,
      path: resourcePath(pkg, file),
      original_file_path: file,
      unique_id: uniqueId,
      owner,
      description: typeof entry.description === 'string' ? entry.description : null,
      config: { meta: isRecord(config.meta) ? config.meta : {} },
    };
  }
  return out;
}
