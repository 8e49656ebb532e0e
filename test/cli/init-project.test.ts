import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, tempDir, tsdbt } from './init-helpers.js';

/** Every file under `dir`, relative, sorted. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe.skipIf(!existsSync(bin))('tsdbt init without a terminal', () => {
  it('creates the starter project and a duckdb profile, and `tsdbt build` on it passes', () => {
    const cwd = tempDir();
    const profiles = join(cwd, 'profiles');
    const init = tsdbt(cwd, ['init', 'my_project', '--profiles-dir', profiles]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('stdin is not a terminal: took the defaults');
    expect(init.stdout).toContain('Your new tsdbt project "my_project" was created!');
    expect(files(join(cwd, 'my_project'))).toEqual([
      '.gitignore', 'README.md', 'analyses/.gitkeep', 'dbt_project.yml', 'macros/.gitkeep',
      'models/example/my_first_dbt_model.sql', 'models/example/my_second_dbt_model.sql', 'models/example/schema.yml',
      'seeds/.gitkeep', 'snapshots/.gitkeep', 'tests/.gitkeep',
    ]);
    const project = readFileSync(join(cwd, 'my_project/dbt_project.yml'), 'utf8');
    expect(project).toContain("name: 'my_project'");
    expect(project).toContain("profile: 'my_project'");
    expect(project).toMatch(/models:\n {2}my_project:\n/);
    expect(readFileSync(join(profiles, 'profiles.yml'), 'utf8')).toBe(
      'my_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 1\n',
    );
    // It may hold a password one day: the owner's alone.
    if (process.platform !== 'win32') expect(statSync(join(profiles, 'profiles.yml')).mode & 0o077).toBe(0);

    const build = tsdbt(join(cwd, 'my_project'), ['build', '--profiles-dir', profiles]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('PASS=6 WARN=0 ERROR=0 SKIP=0');
    // The relative duckdb path is the project's folder.
    expect(existsSync(join(cwd, 'my_project/dev.duckdb'))).toBe(true);
  });

  it('writes to $DBT_PROFILES_DIR, else ~/.dbt, adding to a profiles.yml and keeping its profiles and comments', () => {
    const cwd = tempDir();
    const envDir = join(cwd, 'env-profiles');
    mkdirSync(envDir);
    writeFileSync(join(envDir, 'profiles.yml'), '# my profiles\nother:\n  target: dev  # the usual one\n  outputs: {dev: {type: duckdb}}\n', { mode: 0o640 });
    expect(tsdbt(cwd, ['init', 'first'], { DBT_PROFILES_DIR: envDir }).code).toBe(0);
    const text = readFileSync(join(envDir, 'profiles.yml'), 'utf8');
    // Replaced whole through a temporary file: its permissions kept, nothing left beside it.
    if (process.platform !== 'win32') expect(statSync(join(envDir, 'profiles.yml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(envDir)).toEqual(['profiles.yml']);
    expect(text).toContain('# my profiles');
    expect(text).toContain('# the usual one');
    expect(text).toMatch(/^other:/m);
    expect(text).toMatch(/^first:\n {2}target: dev\n/m);

    expect(tsdbt(cwd, ['init', 'second']).code).toBe(0);
    expect(readFileSync(join(cwd, 'home/.dbt/profiles.yml'), 'utf8')).toMatch(/^second:\n/);
  });

  it('--skip-profile-setup creates the project only', () => {
    const cwd = tempDir();
    const r = tsdbt(cwd, ['init', 'skipped', '--skip-profile-setup', '--profiles-dir', join(cwd, 'p')]);
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'skipped/dbt_project.yml'))).toBe(true);
    expect(existsSync(join(cwd, 'p'))).toBe(false);
  });

  it("--profile makes the project use an existing profile, which must exist; profiles.yml is not written", () => {
    const cwd = tempDir();
    const text = 'shared:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: shared.duckdb}\n';
    writeFileSync(join(cwd, 'profiles.yml'), text);
    const ok = tsdbt(cwd, ['init', 'uses_shared', '--profile', 'shared', '--profiles-dir', cwd]);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(cwd, 'uses_shared/dbt_project.yml'), 'utf8')).toContain("profile: 'shared'");
    expect(readFileSync(join(cwd, 'profiles.yml'), 'utf8')).toBe(text);

    const missing = tsdbt(cwd, ['init', 'uses_missing', '--profile', 'nope', '--profiles-dir', cwd]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("TSDBT_INIT_PROFILE_NOT_FOUND: Could not find profile named 'nope'");
    expect(existsSync(join(cwd, 'uses_missing'))).toBe(false);
  });

  it('an existing folder is an error naming it (exit 2), and nothing in it is touched', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken/notes.txt'), 'mine');
    const r = tsdbt(cwd, ['init', 'taken', '--profiles-dir', join(cwd, 'p')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("TSDBT_INIT_FOLDER_EXISTS: A folder named 'taken' already exists");
    expect(r.stderr).toContain(join(cwd, 'taken'));
    expect(files(join(cwd, 'taken'))).toEqual(['notes.txt']);
    expect(existsSync(join(cwd, 'p'))).toBe(false);
  });

  it('a bad project name is a usage error with the rule (exit 2), and nothing is created', () => {
    const cwd = tempDir();
    for (const name of ['my-project', '1st_project', 'dbt']) {
      const r = tsdbt(cwd, ['init', name, '--profiles-dir', join(cwd, 'p')]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain('TSDBT_INIT_BAD_NAME');
      expect(existsSync(join(cwd, name)), name).toBe(false);
    }
    expect(tsdbt(cwd, ['init', 'my-project']).stderr).toContain('letters, digits and underscores, not starting with a digit');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('without a name and without a terminal to ask it, says how to name it (exit 2)', () => {
    const cwd = tempDir();
    const r = tsdbt(cwd, ['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TSDBT_INIT_NEEDS_NAME');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe.skipIf(!existsSync(bin))('tsdbt init inside a project', () => {
  it("sets up the profile dbt_project.yml names, and never overwrites an existing one without asking", () => {
    const cwd = tempDir();
    const profiles = join(cwd, 'profiles');
    expect(tsdbt(cwd, ['init', 'proj', '--skip-profile-setup']).code).toBe(0);
    const dir = join(cwd, 'proj');
    const first = tsdbt(dir, ['init', '--profiles-dir', profiles]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Setting up your profile 'proj'");
    expect(readFileSync(join(profiles, 'profiles.yml'), 'utf8')).toMatch(/^proj:\n/);
    expect(files(dir)).not.toContain('proj/dbt_project.yml');

    const edited = 'proj:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: mine.duckdb}\n';
    writeFileSync(join(profiles, 'profiles.yml'), edited);
    const again = tsdbt(dir, ['init', '--profiles-dir', profiles]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Profile 'proj' already exists");
    expect(readFileSync(join(profiles, 'profiles.yml'), 'utf8')).toBe(edited);
  });

  it('--project-dir names the project whose profile to set up; a folder without dbt_project.yml is an error', () => {
    const cwd = tempDir();
    const profiles = join(cwd, 'profiles');
    expect(tsdbt(cwd, ['init', 'proj', '--skip-profile-setup']).code).toBe(0);
    const r = tsdbt(cwd, ['init', '--project-dir', 'proj', '--profiles-dir', profiles]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(profiles, 'profiles.yml'), 'utf8')).toMatch(/^proj:\n/);

    mkdirSync(join(cwd, 'empty'));
    const missing = tsdbt(cwd, ['init', '--project-dir', 'empty', '--profiles-dir', join(cwd, 'p2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('TSDBT_PROJECT_NOT_FOUND');
    expect(existsSync(join(cwd, 'p2'))).toBe(false);
  });

  it('--profile there is an error (edit dbt_project.yml instead), exit 2', () => {
    const cwd = tempDir();
    expect(tsdbt(cwd, ['init', 'proj', '--skip-profile-setup']).code).toBe(0);
    const r = tsdbt(join(cwd, 'proj'), ['init', '--profile', 'x', '--profiles-dir', join(cwd, 'p')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TSDBT_INIT_PROFILE_IN_PROJECT');
    expect(existsSync(join(cwd, 'p'))).toBe(false);
  });
});
