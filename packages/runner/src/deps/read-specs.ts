import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { TsdbtError } from '@tsdbt/core';
import { renderValue } from './render-value.js';
import type { PackageSpec, SpecOrigin } from './types.js';

const SPEC_FILES = ['packages.yml', 'dependencies.yml'];

function specError(message: string, file: string, line: number | undefined, hint: string): TsdbtError {
  return new TsdbtError('TSDBT_PACKAGE_SPEC_INVALID', message, { file, line, hint, exitCode: 2 });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toSpec(raw: unknown, at: SpecOrigin, vars: Record<string, unknown>): PackageSpec {
  const { file, line } = at;
  if (!isRecord(raw)) throw specError(`Each entry of 'packages' in ${file} must be a mapping`, file, line, 'Write - package: org/name, - git: url, - tarball: url or - local: path.');
  const str = (key: string) => (raw[key] === undefined || raw[key] === null ? undefined : renderValue(String(raw[key]), vars, file));
  if (raw.package !== undefined) {
    const pkg = String(raw.package);
    if (!pkg.includes('/')) throw specError(`${pkg} is not a valid hub package name`, file, line, 'Hub packages are named org/name, e.g. dbt-labs/dbt_utils.');
    const version = raw.version;
    if (version === undefined || version === null || version === '')
      throw specError(`${pkg} is missing the version. When installing from the Hub package index, version is a required property`, file, line, 'Add version: [">=1.0.0", "<2.0.0"] (see hub.getdbt.com).');
    const versions = (Array.isArray(version) ? version : [version]).map((v) => renderValue(String(v), vars, file));
    return { kind: 'hub', package: pkg, versions, installPrerelease: raw['install-prerelease'] === true, at };
  }
  if (raw.git !== undefined) {
    return {
      kind: 'git', git: str('git')!, gitRaw: String(raw.git), revision: str('revision'), subdirectory: str('subdirectory'),
      warnUnpinned: raw['warn-unpinned'] !== false, at,
    };
  }
  if (raw.tarball !== undefined) {
    const name = str('name');
    if (!name) throw specError(`The tarball package ${String(raw.tarball)} has no name`, file, line, 'Add name: <the package project name> to the entry.');
    return { kind: 'tarball', tarball: str('tarball')!, tarballRaw: String(raw.tarball), name, at };
  }
  if (raw.local !== undefined) return { kind: 'local', local: str('local')!, at };
  if (raw.private !== undefined)
    throw specError(`private: packages (dbt Cloud's git integration) are not supported by tsdbt`, file, line, 'Use git: with the repository URL and an env_var() token.');
  throw specError(`Malformed package definition in ${file}: ${JSON.stringify(raw)}`, file, line, 'Each entry needs one of package:, git:, tarball: or local:.');
}

/**
 * The package entries of a project's packages.yml (else dependencies.yml), with the line of each entry.
 * `fileLabel` names the file in errors (relative to the root project); `requiredBy` the project asking; `texts`
 * stands in for files not yet written (packages.yml as `--add-package` will write it).
 */
export function readSpecs(
  dir: string, requiredBy: string, vars: Record<string, unknown>, fileLabel = (f: string) => f, files = SPEC_FILES,
  texts: Readonly<Record<string, string>> = {},
): PackageSpec[] {
  const found = files.filter((f) => texts[f] !== undefined || existsSync(join(dir, f)));
  let specs: PackageSpec[] | undefined;
  for (const name of found) {
    const file = fileLabel(name);
    const lines = new LineCounter();
    const doc = parseDocument(texts[name] ?? readFileSync(join(dir, name), 'utf8'), { lineCounter: lines });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw new TsdbtError('TSDBT_YAML_SYNTAX', `Invalid YAML: ${e.message.split('\n')[0]}`, { file, line: e.linePos?.[0]?.line, exitCode: 2 });
    }
    const seq = isMap(doc.contents) ? doc.contents.get('packages', true) : undefined;
    if (seq === undefined || seq === null || (isRecord(seq) && 'value' in seq && seq.value === null)) continue;
    if (!isSeq(seq)) throw specError(`'packages' in ${file} must be a list`, file, undefined, 'Write packages: followed by - entries.');
    if (specs && seq.items.length > 0)
      throw specError(`Both packages.yml and ${file} list packages`, file, undefined, 'Keep the packages in one of the two files, as dbt requires.');
    if (seq.items.length === 0) continue;
    specs = seq.items.map((item) => {
      const offset = (item as { range?: [number, number, number] }).range?.[0];
      const raw = (item as { toJSON?: () => unknown }).toJSON?.() ?? item;
      const at: SpecOrigin = { file, line: offset === undefined ? undefined : lines.linePos(offset).line, requiredBy, raw: isRecord(raw) ? raw : {} };
      return toSpec(raw, at, vars);
    });
  }
  return specs ?? [];
}
