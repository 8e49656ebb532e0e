import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, gitRepo, packageFiles, project, tsdbt } from './deps-helpers.js';

const hello = (dir: string, name: string) => readFileSync(join(dir, 'dbt_packages', name, 'macros', `${name}_hello.sql`), 'utf8');

describe.skipIf(!existsSync(bin))('tsdbt deps: git and local packages', () => {
  it('git: a tag, a branch or a commit; the lock pins the commit; HEAD warns as dbt', async () => {
    const repo = gitRepo([
      { files: packageFiles('things', 'things v1'), tag: '1.0.0' },
      { files: packageFiles('things', 'things v2') },
      { files: packageFiles('things', 'things dev'), branch: 'dev' },
    ]);
    const dir = project({ 'packages.yml': `packages:\n  - git: "${repo.url}"\n    revision: 1.0.0\n` });
    const r = await tsdbt(['deps', '--project-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Installing ${repo.url}\nInstalled from revision ${repo.shas[0]}\n`);
    expect(hello(dir, 'things')).toContain('things v1');
    expect(readFileSync(join(dir, 'package-lock.yml'), 'utf8')).toContain(`  - git: ${repo.url}\n    name: things\n    revision: ${repo.shas[0]}\n`);
    expect(existsSync(join(dir, 'dbt_packages/things/.git'))).toBe(false);
    // packages.yml unchanged: installed again from the lock's commit.
    const again = await tsdbt(['deps', '--project-dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Installing ${repo.url}\nInstalled from revision ${repo.shas[0]}\n`);

    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n    revision: dev\n`);
    expect((await tsdbt(['deps', '--project-dir', dir])).code).toBe(0);
    expect(hello(dir, 'things')).toContain('things dev');

    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n    revision: ${repo.shas[1]}\n`);
    expect((await tsdbt(['deps', '--project-dir', dir])).code).toBe(0);
    expect(hello(dir, 'things')).toContain('things v2');

    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n`);
    const head = await tsdbt(['deps', '--project-dir', dir]);
    expect(head.code).toBe(0);
    expect(head.stdout).toContain(`The git package "${repo.url}" \n\tis not pinned, using HEAD (default branch).`);
    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n    revision: main\n    warn-unpinned: false\n`);
    const quiet = await tsdbt(['deps', '--project-dir', dir]);
    expect(quiet.stdout).not.toContain('is pinned to');
  });

  it('git subdirectory; an unknown revision fails naming the entry and keeps dbt_packages as it was', async () => {
    const repo = gitRepo([{ files: { 'README.md': 'monorepo\n', ...Object.fromEntries(Object.entries(packageFiles('inner')).map(([p, t]) => [`pkgs/inner/${p}`, t])) }, tag: 'v1' }]);
    const dir = project({ 'packages.yml': `packages:\n  - git: "${repo.url}"\n    revision: v1\n    subdirectory: pkgs/inner\n` });
    const r = await tsdbt(['deps', '--project-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('and subdirectory pkgs/inner');
    expect(hello(dir, 'inner')).toContain('inner');
    expect(readFileSync(join(dir, 'package-lock.yml'), 'utf8')).toContain('subdirectory: pkgs/inner');

    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - git: "${repo.url}"\n    revision: v1\n    subdirectory: pkgs/inner\n  - git: "${repo.url}"\n    revision: no-such-tag\n`);
    const bad = await tsdbt(['deps', '--project-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('packages.yml:5: error TSDBT_DEPS_GIT_FAILED');
    expect(bad.stderr).toContain("revision 'no-such-tag'");
    expect(readdirSync(join(dir, 'dbt_packages'))).toEqual(['inner']);
    expect(hello(dir, 'inner')).toContain('inner');
    expect(readdirSync(dir).filter((f) => f.includes('tsdbt-'))).toEqual([]);
  });

  it("env_var() in an entry is rendered to fetch and kept unrendered in package-lock.yml (no secret in the file)", async () => {
    const repo = gitRepo([{ files: packageFiles('secretive'), tag: 'v1' }]);
    const dir = project({ 'packages.yml': `packages:\n  - git: "{{ env_var('TSDBT_TEST_GIT_URL') }}"\n    revision: v1\n` });
    const r = await tsdbt(['deps', '--project-dir', dir], { TSDBT_TEST_GIT_URL: repo.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Installing {{ env_var('TSDBT_TEST_GIT_URL') }}");
    const lock = readFileSync(join(dir, 'package-lock.yml'), 'utf8');
    expect(lock).toContain("git: \"{{ env_var('TSDBT_TEST_GIT_URL') }}\"");
    expect(lock).not.toContain(repo.url);
    const again = await tsdbt(['deps', '--project-dir', dir], { TSDBT_TEST_GIT_URL: repo.url });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Updating lock file');
    const unset = await tsdbt(['deps', '--project-dir', dir, '--upgrade']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain("env_var('TSDBT_TEST_GIT_URL') in packages.yml is not set");
  });

  it('a failed fetch names the URL as written, never its rendered env_var() value', async () => {
    const repo = gitRepo([{ files: packageFiles('secretive'), tag: 'v1' }]);
    const dir = project({ 'packages.yml': `packages:\n  - git: "{{ env_var('TSDBT_TEST_GIT_URL') }}"\n    revision: no-such-tag\n` });
    const r = await tsdbt(['deps', '--project-dir', dir], { TSDBT_TEST_GIT_URL: repo.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TSDBT_DEPS_GIT_FAILED');
    expect(r.stderr).toContain("is not a branch, tag or commit of {{ env_var('TSDBT_TEST_GIT_URL') }}");
    expect(r.stderr + r.stdout).not.toContain(repo.url);
  });

  it('local: a symlink to the folder, named by its project; two packages with one name are a conflict', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - local: ../shared\n', ...Object.fromEntries(Object.entries(packageFiles('shared_pkg')).map(([p, t]) => [`../shared/${p}`, t])) });
    const r = await tsdbt(['deps', '--project-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Installing ../shared\nInstalled from <local @ ../shared>');
    const link = join(dir, 'dbt_packages/shared_pkg');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(resolve(dir, '..', 'shared')).toBe(resolve(join(dir, 'dbt_packages'), readlinkTarget(link)));
    expect((await tsdbt(['parse', '--project-dir', dir])).code).toBe(0);

    const repo = gitRepo([{ files: packageFiles('shared_pkg', 'from git'), tag: 'v1' }]);
    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - local: ../shared\n  - git: "${repo.url}"\n    revision: v1\n`);
    const clash = await tsdbt(['deps', '--project-dir', dir]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('TSDBT_DEPS_NAME_CONFLICT');
    expect(clash.stderr).toContain('Found duplicate project "shared_pkg"');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

function readlinkTarget(path: string): string {
  return readlinkSync(path);
}
