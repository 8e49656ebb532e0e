// Shared by the init-*.test.ts files: the real CLI run with stdin that is not a terminal, in a temp folder.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir as tempFolder } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bin.js');

/** A fresh folder to run `tsdbt init` in. */
export const tempDir = () => tempFolder('tsdbt-init-');

/** Runs tsdbt in `cwd`; stdin is an empty pipe (not a terminal), HOME a temp folder so ~/.dbt is never the user's. */
export function tsdbt(cwd: string, args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, HOME: join(cwd, 'home'), USERPROFILE: join(cwd, 'home'), DBT_PROFILES_DIR: undefined, DBT_PROFILE: undefined, DBT_PROJECT_DIR: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
