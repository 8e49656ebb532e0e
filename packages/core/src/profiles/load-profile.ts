import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import type { Adapter, TargetConfig } from '../adapter/types.js';
import { loadAdapter } from '../adapter/registry.js';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { closestName } from '../diagnostics/suggest.js';
import type { JinjaEngine } from '../jinja/index.js';
import { makeEnvVar } from '../context/env-var.js';
import { renderDeep } from '../util/render-value.js';
import { isRecord, readYaml } from '../util/yaml-file.js';

export interface LoadedProfile {
  profileName: string;
  targetName: string;
  adapter: Adapter;
  target: TargetConfig;
  /** Where profiles.yml was found. */
  profilesPath: string;
  /** The target without secrets (`target` in templates, manifest metadata). */
  safeTarget: Record<string, unknown>;
}

export interface ProfileOptions {
  projectDir: string;
  /** dbt_project.yml's `profile:` (or the project name). */
  profileName: string;
  /** --profile, which wins over $DBT_PROFILE, which wins over profileName (dbt's precedence). */
  profileFlag?: string;
  profilesDir?: string;
  target?: string;
  threads?: number;
  cliVars: Record<string, unknown>;
  engine: JinjaEngine;
}

/** dbt's lookup order: --profiles-dir, $DBT_PROFILES_DIR, the project folder, ~/.dbt. */
export function findProfilesFile(projectDir: string, profilesDir?: string): string | undefined {
  const candidates = profilesDir
    ? [profilesDir]
    : [process.env.DBT_PROFILES_DIR, projectDir, join(homedir(), '.dbt')].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const path = join(dir, 'profiles.yml');
    if (existsSync(path)) return path;
  }
  return undefined;
}

function pickTarget(profile: Record<string, unknown>, options: ProfileOptions, file: string) {
  const outputs = profile.outputs;
  if (!isRecord(outputs)) throw new TsdbtError('TSDBT_PROFILE_INVALID', `Profile '${options.profileName}' has no 'outputs'`, { file });
  const fromFlag = options.target ?? process.env.DBT_TARGET;
  const targetName = fromFlag ?? (typeof profile.target === 'string' ? profile.target : 'default');
  const output = outputs[targetName];
  if (!isRecord(output)) {
    const near = closestName(targetName, Object.keys(outputs));
    throw new TsdbtError('TSDBT_TARGET_NOT_FOUND', `Target '${targetName}' is not in profile '${options.profileName}'`, {
      file,
      exitCode: fromFlag ? 2 : 1,
      hint: `${near ? `Did you mean '${near}'? ` : ''}Targets: ${Object.keys(outputs).join(', ') || '(none)'}.`,
    });
  }
  return { targetName, output };
}

/** The profile to load and, when not dbt_project.yml's, the flag or variable that named it (for errors). */
function chooseProfile(options: ProfileOptions): { name: string; source?: string } {
  if (options.profileFlag) return { name: options.profileFlag, source: '--profile' };
  const env = process.env.DBT_PROFILE;
  if (env) return { name: env, source: '$DBT_PROFILE' };
  return { name: options.profileName };
}

/** Loads the profile's target, renders env_var() in it, and lets the adapter its `type` names validate it. */
export async function loadProfile(options: ProfileOptions): Promise<LoadedProfile> {
  const path = findProfilesFile(options.projectDir, options.profilesDir);
  if (!path)
    throw new TsdbtError('TSDBT_PROFILES_NOT_FOUND', 'No profiles.yml found', {
      hint: 'Looked in --profiles-dir, $DBT_PROFILES_DIR, the project folder and ~/.dbt.',
    });
  const file = relative(options.projectDir, path) || 'profiles.yml';
  const all = readYaml(path, file);
  const chosen = chooseProfile(options);
  options = { ...options, profileName: chosen.name };
  const profile = isRecord(all) ? all[chosen.name] : undefined;
  if (!isRecord(profile)) {
    const names = isRecord(all) ? Object.keys(all).filter((k) => k !== 'config') : [];
    const near = closestName(chosen.name, names);
    throw new TsdbtError('TSDBT_PROFILE_NOT_FOUND', `Profile '${chosen.name}'${chosen.source ? ` (from ${chosen.source})` : ''} is not in ${path}`, {
      file,
      exitCode: chosen.source ? 2 : 1,
      hint: `${near ? `Did you mean '${near}'? ` : ''}Profiles there: ${names.join(', ') || '(none)'}.`,
    });
  }
  const { targetName, output } = pickTarget(profile, options, file);
  const ctx = { env_var: makeEnvVar(), var: (n: string, d?: unknown) => options.cliVars[n] ?? d };
  const rendered = renderDeep(options.engine, output, ctx, file) as Record<string, unknown>;
  if (options.threads !== undefined) rendered.threads = options.threads;
  if (typeof rendered.type !== 'string')
    throw new TsdbtError('TSDBT_PROFILE_INVALID', `Target '${targetName}' of profile '${options.profileName}' has no 'type'`, { file });
  const adapter = await loadAdapter(rendered.type);
  const target = adapter.parseConfig(rendered, targetName, { projectDir: options.projectDir });
  const safe = adapter.toSafeJson(target);
  const safeTarget = { ...safe, name: targetName, target_name: targetName, profile_name: options.profileName, type: target.type, schema: target.schema, database: target.database, threads: target.threads };
  return { profileName: options.profileName, targetName, adapter, target, profilesPath: path, safeTarget };
}
