import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectPackage } from '../project/packages.js';
import { isRecord, parseYaml } from '../util/yaml-file.js';
import { checkFormatVersion, checkTopLevelKeys } from './top-level-keys.js';

export type PatchKind = 'models' | 'seeds' | 'snapshots' | 'analyses' | 'macros';
export const PATCH_KINDS: PatchKind[] = ['models', 'seeds', 'snapshots', 'analyses', 'macros'];

export interface PropertyEntry {
  pkg: ProjectPackage;
  /** Property file, relative to the package. */
  file: string;
  entry: Record<string, unknown>;
}

export interface Properties {
  patches: Map<string, PropertyEntry & { kind: PatchKind }>;
  sources: PropertyEntry[];
  exposures: PropertyEntry[];
  unitTests: PropertyEntry[];
  /** `groups:` entries, with their index in the file's list. */
  groups: (PropertyEntry & { index: number })[];
}

export const patchKey = (pkg: string, kind: PatchKind, name: string) => `${pkg}:${kind}:${name}`;

function entries(data: Record<string, unknown>, key: string, file: string, problems: Diagnostic[]): Record<string, unknown>[] {
  const list = data[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', message: `'${key}' must be a list`, file });
    return [];
  }
  return list.filter((e, i) => {
    const ok = isRecord(e) && typeof e.name === 'string';
    if (!ok) problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', message: `'${key}[${i}]' needs a 'name'`, file });
    return ok;
  }) as Record<string, unknown>[];
}

/** Reads every property YAML of a package; problems are collected so one run reports them all. */
export function readProperties(pkg: ProjectPackage, files: { file: string }[], into: Properties, problems: Diagnostic[]): void {
  for (const { file } of files) {
    const shown = pkg.relDir ? join(pkg.relDir, file) : file;
    let data: unknown;
    let text: string;
    try {
      text = readFileSync(join(pkg.dir, file), 'utf8');
      data = parseYaml(text, shown);
    } catch (error) {
      if (error instanceof TsdbtError) problems.push(...error.diagnostics);
      else throw error;
      continue;
    }
    if (data === null || data === undefined) continue;
    if (!isRecord(data)) {
      problems.push({ code: 'TSDBT_CONFIG_TYPE', severity: 'error', message: 'A property file must be a mapping', file: shown });
      continue;
    }
    if (!checkFormatVersion(data, text, shown, problems)) continue;
    checkTopLevelKeys(data, text, shown, problems);
    for (const kind of PATCH_KINDS) {
      for (const entry of entries(data, kind, shown, problems)) {
        const key = patchKey(pkg.name, kind, entry.name as string);
        const prior = into.patches.get(key);
        if (prior)
          problems.push({
            code: 'TSDBT_DUPLICATE_PATCH', severity: 'error', file: shown,
            message: `${kind.slice(0, -1)} '${entry.name}' is described twice: in ${prior.file} and ${file}`,
          });
        else into.patches.set(key, { pkg, file, entry, kind });
      }
    }
    for (const entry of entries(data, 'sources', shown, problems)) into.sources.push({ pkg, file, entry });
    for (const entry of entries(data, 'exposures', shown, problems)) into.exposures.push({ pkg, file, entry });
    for (const entry of entries(data, 'unit_tests', shown, problems)) into.unitTests.push({ pkg, file, entry });
    for (const entry of entries(data, 'groups', shown, problems)) into.groups.push({ pkg, file, entry, index: (data.groups as unknown[]).indexOf(entry) });
  }
}
