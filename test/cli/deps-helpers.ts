// Shared by the deps-*.test.ts files: the CLI run without blocking (the hub stand-in answers in this process),
// projects written at test time, and git repositories made in a temp folder.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Files } from '../stand-ins/dbt-hub/hub-server.js';
import { tempDir } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bin.js');

export function tsdbt(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function writeFiles(dir: string, files: Files): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The core_basic fixture (DuckDB in memory) copied to a temp folder, with `files` added. */
export function project(files: Files = {}): string {
  const dir = join(tempDir('tsdbt-deps-'), 'core_basic');
  cpSync(join(root, 'test/fixtures/projects/core_basic'), dir, { recursive: true });
  return writeFiles(dir, files);
}

/** A package's files: its dbt_project.yml and one macro `<name>.hello()` returning `text`. */
export function packageFiles(name: string, text = name, extra: Files = {}): Files {
  return {
    'dbt_project.yml': `name: ${name}\nversion: '1.0.0'\nconfig-version: 2\n`,
    [`macros/${name}_hello.sql`]: `{% macro hello() %}'${text}'{% endmacro %}\n`,
    ...extra,
  };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

/**
 * A bare repository (file:// URL) whose commits hold `commits` in order, each commit tagged when `tag` is given;
 * returns the URL and the commit ids.
 */
export function gitRepo(commits: Array<{ files: Files; tag?: string; branch?: string }>): { url: string; shas: string[] } {
  const base = tempDir('tsdbt-git-');
  const work = join(base, 'work');
  mkdirSync(work);
  git(work, 'init', '-q');
  const shas: string[] = [];
  for (const c of commits) {
    if (c.branch) git(work, 'checkout', '-q', '-B', c.branch);
    writeFiles(work, c.files);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', `commit ${shas.length + 1}`);
    shas.push(git(work, 'rev-parse', 'HEAD'));
    if (c.tag) git(work, 'tag', c.tag);
  }
  git(work, 'checkout', '-q', 'main');
  const bare = join(base, 'repo.git');
  git(base, 'clone', '-q', '--bare', work, bare);
  return { url: `file://${bare}`, shas };
}
