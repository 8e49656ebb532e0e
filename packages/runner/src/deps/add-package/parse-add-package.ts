import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';

export type AddSource = 'hub' | 'git' | 'local';

/** `--add-package <name>@<version>` with `--source`, checked: the packages.yml entry it becomes. */
export interface AddRequest {
  source: AddSource;
  /** The hub name, git URL or local path, as typed. */
  name: string;
  /** The version (hub) or revision (git) as typed; none for local. */
  version?: string;
  /** The entry as dbt writes it: `package`+`version`, `git`+`revision`, or `local`. */
  entry: Record<string, unknown>;
}

const SOURCES: readonly AddSource[] = ['hub', 'git', 'local'];
const HUB_NAME = /^[\w\-.]+\/[\w\-.]+$/;

function usage(message: string, hint: string): TsdbtError {
  return new TsdbtError('TSDBT_DEPS_ADD_PACKAGE_INVALID', message, { hint, exitCode: 2 });
}

/**
 * Splits `name@version` at the last `@` (dbt splits at the only one): an ssh git URL (`git@host:org/repo.git`)
 * keeps its user, since a revision never holds a `:`.
 */
function splitVersion(value: string): { name: string; version?: string } {
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.slice(at + 1).includes(':')) return { name: value };
  const version = value.slice(at + 1);
  return { name: value.slice(0, at), version: version === '' ? undefined : version };
}

/** dbt's entry for the new package: a comma in a hub version makes a range list (`>=1.0.0,<2.0.0`). */
function entryFor(source: AddSource, name: string, version: string | undefined): Record<string, unknown> {
  if (source === 'local') return { local: name };
  if (source === 'git') return { git: name, revision: version };
  const range = version!.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return { package: name, version: range.length > 1 ? range : range[0] };
}

export function parseAddPackage(value: string, sourceFlag: string | undefined, projectDir: string): AddRequest {
  const source = (sourceFlag ?? 'hub').toLowerCase() as AddSource;
  if (!SOURCES.includes(source))
    throw usage(`Invalid value for --source: '${sourceFlag}' is not one of 'hub', 'git', 'local'`, 'Pass --source hub (the default), --source git or --source local.');
  const text = value.trim();
  if (text === '') throw usage('--add-package needs a package', 'For example: tsdbt deps --add-package dbt-labs/dbt_utils@1.1.1');
  if (source === 'local') {
    // A folder may hold an `@`; a version after one is refused, as dbt's local packages take none.
    const { name, version } = splitVersion(text);
    if (version !== undefined && !existsSync(resolve(projectDir, text)))
      throw usage(`A local package takes no version: --add-package ${text} --source local`, `Pass the folder only: tsdbt deps --add-package ${name} --source local`);
    return { source, name: text, entry: entryFor(source, text, undefined) };
  }
  const { name, version } = splitVersion(text);
  if (version === undefined) {
    const example = source === 'hub' ? `${name}@1.1.1` : `${name}@v1.0.0`;
    throw usage(`Version is required in --add-package when source is ${source}`,
      `Add @<${source === 'hub' ? 'version' : 'revision'}>: tsdbt deps --add-package ${example}${source === 'git' ? ' --source git' : ''}`);
  }
  if (source === 'hub' && !HUB_NAME.test(name))
    throw usage(`${name} is not a valid hub package name`, 'Hub packages are named org/name, e.g. dbt-labs/dbt_utils; pass --source git for a git URL or --source local for a folder.');
  return { source, name, version, entry: entryFor(source, name, version) };
}
