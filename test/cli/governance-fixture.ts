import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bin.js');

const PROFILE = (name: string) => `${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      schema: main\n`;

/** A project in a fresh temp folder: `files` by path relative to it (`../pkg/...` for a sibling package). */
export function governanceProject(files: Record<string, string>, name = 'shop'): string {
  const base = tempDir('tsdbt-governance-');
  const dir = join(base, name);
  const all: Record<string, string> = {
    'dbt_project.yml': `name: ${name}\nversion: '1.0'\nconfig-version: 2\nprofile: ${name}\n`,
    'profiles.yml': PROFILE(name),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

export function tsdbt(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--project-dir', dir, '--profiles-dir', dir], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function manifestOf(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as {
    groups: Record<string, Record<string, unknown>>;
    group_map: Record<string, string[]>;
    nodes: Record<string, { group?: string | null; access?: string; config: Record<string, unknown> }>;
  };
}

/** `tsdbt ls` output lines: the selected nodes' fqn names. */
export function listed(dir: string, ...args: string[]): string[] {
  const r = tsdbt(dir, 'ls', '--output', 'name', ...args);
  return r.stdout.split('\n').filter((l) => l && !/^\s*(warning|Found)/.test(l)).sort();
}
