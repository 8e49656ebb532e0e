import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import { renderDeep } from '../config/render-env-var.js';
import { readYamlFile } from '../config/yaml-lines.js';

export interface ProfileTarget {
  profileName: string;
  targetName: string;
  /** The rendered output (env_var applied), as the adapter's parseConfig expects it. */
  output: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A small profiles.yml reader for ingest (it must not load the template compiler): dbt's lookup order
 * (--profiles-dir, $DBT_PROFILES_DIR, the project, ~/.dbt), the profile named by dbt_project.yml, and env_var().
 */
export function readProfileTarget(options: { projectDir: string; profilesDir?: string; profile?: string; target?: string }): ProfileTarget {
  const dirs = options.profilesDir ? [options.profilesDir] : [process.env.DBT_PROFILES_DIR, options.projectDir, join(homedir(), '.dbt')];
  const path = dirs.filter((d): d is string => !!d).map((d) => join(d, 'profiles.yml')).find((p) => existsSync(p));
  if (!path) {
    throw new TsdbtError('TSDBT_PROFILES_NOT_FOUND', 'No profiles.yml found', { hint: 'Looked in --profiles-dir, $DBT_PROFILES_DIR, the project folder and ~/.dbt.' });
  }
  const file = relative(options.projectDir, path) || 'profiles.yml';
  const profileName = options.profile ?? projectProfile(options.projectDir);
  const all = readYamlFile(path, file);
  const profile = isRecord(all.data) ? all.data[profileName] : undefined;
  if (!isRecord(profile)) throw new TsdbtError('TSDBT_PROFILE_NOT_FOUND', `Profile '${profileName}' is not in ${file}`, { file });
  const targetName = options.target ?? process.env.DBT_TARGET ?? (typeof profile.target === 'string' ? profile.target : 'default');
  const outputs = isRecord(profile.outputs) ? profile.outputs : {};
  const output = outputs[targetName];
  if (!isRecord(output)) {
    throw new TsdbtError('TSDBT_TARGET_NOT_FOUND', `Target '${targetName}' is not in profile '${profileName}'`, {
      file, line: all.lineOf([profileName, 'outputs']), hint: `Targets: ${Object.keys(outputs).join(', ') || '(none)'}.`,
    });
  }
  const rendered = renderDeep(output, { file, key: `${profileName}.outputs.${targetName}`, lineOf: (p) => all.lineOf([profileName, 'outputs', targetName, ...p]) });
  return { profileName, targetName, output: rendered as Record<string, unknown> };
}

function projectProfile(projectDir: string): string {
  const path = join(projectDir, 'dbt_project.yml');
  if (!existsSync(path)) {
    throw new TsdbtError('TSDBT_PROJECT_NOT_FOUND', `No dbt_project.yml in ${projectDir}`, { exitCode: 2, hint: "Run from the project folder, pass --project-dir, or set destination.profile in the ingest config." });
  }
  const data = readYamlFile(path, 'dbt_project.yml').data;
  const profile = isRecord(data) ? data.profile : undefined;
  if (typeof profile !== 'string') throw new TsdbtError('TSDBT_PROJECT_INVALID', "dbt_project.yml has no 'profile'", { file: 'dbt_project.yml', exitCode: 2 });
  return profile;
}
