import { existsSync, rmSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { TsdbtError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadProjectConfig } from './project-config.js';

/** `dbt clean`: deletes the clean-targets; like dbt, refuses any path outside the project folder. */
export function cleanProject(options: { projectDir?: string }): { removed: string[]; missing: string[] } {
  const projectDir = resolve(options.projectDir ?? process.env.DBT_PROJECT_DIR ?? '.');
  const config = loadProjectConfig(projectDir, [] as Diagnostic[]);
  const removed: string[] = [];
  const missing: string[] = [];
  for (const target of config.cleanTargets) {
    const abs = resolve(projectDir, target);
    const rel = relative(projectDir, abs);
    if (rel === '' || rel.startsWith('..') || rel.split(sep)[0] === '..')
      throw new TsdbtError('TSDBT_CLEAN_OUTSIDE_PROJECT', `clean-targets entry '${target}' is outside the project folder`, {
        file: 'dbt_project.yml',
        hint: 'tsdbt only deletes folders inside the project, as dbt does.',
      });
    if (!existsSync(abs)) {
      missing.push(target);
      continue;
    }
    rmSync(abs, { recursive: true, force: true });
    removed.push(target);
  }
  return { removed, missing };
}
