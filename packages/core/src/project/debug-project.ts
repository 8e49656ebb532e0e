import { resolve } from 'node:path';
import type { Adapter, TargetConfig } from '../adapter/types.js';
import { TsdbtError, isTsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { JinjaEngine } from '../jinja/index.js';
import { findProfilesFile, loadProfile } from '../profiles/load-profile.js';
import { parseVars } from './parse-vars.js';
import { loadProjectConfig } from './project-config.js';

export interface DebugCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DebugReport {
  checks: DebugCheck[];
  ok: boolean;
}

/** `dbt debug`: the project file, profiles.yml, the target, and a `select 1` through the adapter's connection. */
export async function debugProject(options: { projectDir?: string; profilesDir?: string; profile?: string; target?: string; vars?: string | Record<string, unknown>; connect?: boolean }): Promise<DebugReport> {
  const projectDir = resolve(options.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.');
  const checks: DebugCheck[] = [];
  const fail = (name: string, e: unknown) => checks.push({ name, ok: false, detail: isTsdbtError(e) ? `${e.code}: ${e.message}${e.diagnostics[0]?.hint ? ` (${e.diagnostics[0].hint})` : ''}` : String(e) });
  const warnings: Diagnostic[] = [];
  let config;
  try {
    config = loadProjectConfig(projectDir, warnings);
    checks.push({ name: 'dbt_project.yml', ok: true, detail: `${projectDir} (project '${config.name}')` });
  } catch (e) {
    fail('dbt_project.yml', e);
  }
  const profilesPath = findProfilesFile(projectDir, options.profilesDir);
  checks.push({ name: 'profiles.yml', ok: !!profilesPath, detail: profilesPath ?? 'not found in --profiles-dir, $DBT_PROFILES_DIR, the project folder or ~/.dbt' });
  if (config && profilesPath) {
    try {
      const profile = await loadProfile({ projectDir, profileName: config.profile ?? config.name, profileFlag: options.profile, profilesDir: options.profilesDir, target: options.target, cliVars: parseVars(options.vars), engine: new JinjaEngine() });
      checks.push({ name: 'profile', ok: true, detail: `${profile.profileName}, target '${profile.targetName}', type ${profile.target.type}` });
      if (options.connect !== false) await checkConnection(profile.adapter, profile.target, checks);
    } catch (e) {
      fail('profile', e);
    }
  }
  return { checks, ok: checks.every((c) => c.ok) };
}

async function checkConnection(adapter: Adapter, target: TargetConfig, checks: DebugCheck[]): Promise<void> {
  try {
    const conn = await adapter.connect(target);
    try {
      await conn.execute('select 1');
    } finally {
      await conn.close();
    }
    checks.push({ name: 'connection', ok: true, detail: 'select 1 succeeded' });
  } catch (e) {
    checks.push({ name: 'connection', ok: false, detail: e instanceof TsdbtError ? `${e.code}: ${e.message}` : (e as Error).message });
  }
}
