// `tsdbt deps --add-package` (dbt 1.8): the real CLI against the hub stand-in, local git repositories and folders.
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, gitRepo, packageFiles, project, tsdbt, writeFiles } from './deps-helpers.js';

let hub: HubStandIn;
const env = () => ({ DBT_PACKAGE_HUB_URL: hub.url });

beforeAll(async () => {
  hub = await startHub({
    'dbt-labs/dbt_utils': {
      name: 'dbt_utils',
      versions: {
        '1.0.0': { files: packageFiles('dbt_utils', 'utils 1.0.0') },
        '1.1.1': { files: packageFiles('dbt_utils', 'utils 1.1.1') },
        '1.2.0': { files: packageFiles('dbt_utils', 'utils 1.2.0') },
      },
    },
    'acme/dates': { name: 'dates', versions: { '0.3.0': { files: packageFiles('dates') } } },
    'acme/broken': { name: 'broken', versions: { '1.0.0': { files: packageFiles('broken') } } },
  });
  // The archive of acme/broken cannot be downloaded: its install fails after packages.yml was edited in memory.
  hub.answer('/tarballs/acme/broken/1.0.0.tar.gz', 500, 'server error');
});
afterAll(() => hub?.close());

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const installed = (dir: string, name: string) => read(dir, `dbt_packages/${name}/macros/${name}_hello.sql`);
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('tsdbt-'));
const run = (dir: string, ...args: string[]) => tsdbt(['deps', '--project-dir', dir, ...args], env());

describe.skipIf(!existsSync(bin))('tsdbt deps --add-package', () => {
  it('creates packages.yml with the hub package, installs it and writes the lock, saying so as dbt', async () => {
    const dir = project();
    const r = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.1.1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The files' lines in dbt's order, said once they were written: after the install, which writes them.
    expect(r.stdout).toContain(
      'Installing dbt-labs/dbt_utils\nInstalled from version 1.1.1\nUpdated version available: 1.2.0\n' +
        `Created packages.yml\nAdded new package dbt-labs/dbt_utils@1.1.1 to ${join(dir, 'packages.yml')}\n` +
        `Updating lock file in file path: ${join(dir, 'package-lock.yml')}\n`,
    );
    expect(read(dir, 'packages.yml')).toBe('packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n');
    expect(read(dir, 'package-lock.yml')).toMatch(/^packages:\n {2}- name: dbt_utils\n {4}package: dbt-labs\/dbt_utils\n {4}version: 1\.1\.1\nsha1_hash: [0-9a-f]{40}\n$/);
    expect(installed(dir, 'dbt_utils')).toContain('utils 1.1.1');
    // The lock matches the file it wrote: a plain deps installs from it without resolving again.
    const again = await run(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Updating lock file');
    expect(leftovers(dir)).toEqual([]);
  });

  it('updates the version of an entry where it stands, keeping comments, quoting and the other entries', async () => {
    const repo = gitRepo([{ files: packageFiles('things'), tag: 'v1' }]);
    const before = [
      '# Packages of the sales project',
      'packages:',
      '  # the utilities everyone uses',
      '  - package: dbt-labs/dbt_utils',
      '    version: "1.0.0" # pinned for the audit',
      '',
      `  - git: "${repo.url}" # internal`,
      '    revision: v1',
      '  - package: acme/dates',
      '    version: [">=0.1.0", "<1.0.0"]',
      '',
    ].join('\n');
    const dir = project({ 'packages.yml': before });
    const r = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.2.0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Found duplicate package in packages.yml, removing: {'package': 'dbt-labs/dbt_utils', 'version': '1.0.0'}\n");
    expect(read(dir, 'packages.yml')).toBe(before.replace('"1.0.0"', '"1.2.0"'));
    expect(installed(dir, 'dbt_utils')).toContain('utils 1.2.0');
    expect(installed(dir, 'things')).toContain('things');
    expect(read(dir, 'package-lock.yml')).toContain('    version: 1.2.0\n');
  });

  it('a range with a comma becomes a list; flush-left lists stay flush-left; dependencies.yml when it holds the packages', async () => {
    const dir = project({ 'packages.yml': 'packages:\n- package: dbt-labs/dbt_utils\n  version: 1.0.0 # was pinned\n' });
    expect((await run(dir, '--add-package', 'dbt-labs/dbt_utils@>=1.0.0,<1.2.0')).code).toBe(0);
    expect(read(dir, 'packages.yml')).toBe('packages:\n- package: dbt-labs/dbt_utils\n  version: [">=1.0.0", "<1.2.0"] # was pinned\n');
    expect(installed(dir, 'dbt_utils')).toContain('utils 1.1.1');

    const deps = project({ 'dependencies.yml': 'projects:\n  - name: other\npackages: []\n' });
    const r = await run(deps, '--add-package', 'dbt-labs/dbt_utils@1.0.0');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`to ${join(deps, 'dependencies.yml')}`);
    expect(existsSync(join(deps, 'packages.yml'))).toBe(false);
    expect(read(deps, 'dependencies.yml')).toBe('projects:\n  - name: other\npackages:\n  - package: dbt-labs/dbt_utils\n    version: 1.0.0\n');
  });

  it('--source git takes url@revision; a new revision updates the entry; the hub package then replaces it, as dbt', async () => {
    const repo = gitRepo([{ files: packageFiles('dbt_utils', 'utils git v1'), tag: 'v1' }, { files: packageFiles('dbt_utils', 'utils git v2'), tag: 'v2' }]);
    // The repository under the name GitHub gives it (dbt-utils.git): dbt's duplicate rule matches it to dbt_utils.
    const bare = repo.url.slice('file://'.length);
    const url = `file://${join(dirname(bare), 'dbt-utils.git')}`;
    cpSync(bare, url.slice('file://'.length), { recursive: true });
    const dir = project();
    const r = await run(dir, '--add-package', `${url}@v1`, '--source', 'git');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(dir, 'packages.yml')).toBe(`packages:\n  - git: ${url}\n    revision: v1\n`);
    expect(installed(dir, 'dbt_utils')).toContain('utils git v1');
    expect(read(dir, 'package-lock.yml')).toContain(`  - git: ${url}\n    name: dbt_utils\n    revision: ${repo.shas[0]}\n`);

    const v2 = await run(dir, '--add-package', `${url}@v2`, '--source', 'git');
    expect(v2.code).toBe(0);
    expect(v2.stdout).toContain(`Found duplicate package in packages.yml, removing: {'git': '${url}', 'revision': 'v1'}`);
    expect(read(dir, 'packages.yml')).toBe(`packages:\n  - git: ${url}\n    revision: v2\n`);
    expect(installed(dir, 'dbt_utils')).toContain('utils git v2');

    const hubbed = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.1.1');
    expect(hubbed.code).toBe(0);
    expect(read(dir, 'packages.yml')).toBe('packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n');
    expect(installed(dir, 'dbt_utils')).toContain('utils 1.1.1');
  });

  it('--source local takes a folder and no version', async () => {
    const dir = project();
    writeFiles(join(dir, '..', 'local_pkg'), packageFiles('local_pkg', 'from a folder'));
    const r = await run(dir, '--add-package', '../local_pkg', '--source', 'local');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Added new package ../local_pkg to ${join(dir, 'packages.yml')}`);
    expect(read(dir, 'packages.yml')).toBe('packages:\n  - local: ../local_pkg\n');
    expect(installed(dir, 'local_pkg')).toContain('from a folder');

    const versioned = await run(dir, '--add-package', '../local_pkg@1.0.0', '--source', 'local');
    expect(versioned.code).toBe(2);
    expect(versioned.stderr).toContain('error TSDBT_DEPS_ADD_PACKAGE_INVALID: A local package takes no version');
    expect(read(dir, 'packages.yml')).toBe('packages:\n  - local: ../local_pkg\n');
  });

  it('--dry-run writes packages.yml and package-lock.yml and installs nothing (as dbt 1.8 does)', async () => {
    const dir = project();
    const r = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.0.0', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Installing');
    expect(read(dir, 'packages.yml')).toContain('version: 1.0.0');
    expect(read(dir, 'package-lock.yml')).toContain('version: 1.0.0');
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(false);
    // The lock written is the one a plain deps then installs.
    const install = await run(dir);
    expect(install.stdout).toContain('Installed from version 1.0.0');
    expect(install.stdout).not.toContain('Updating lock file');
  });

  it('bad input: coded errors, exit non-zero, nothing written', async () => {
    const original = 'packages:\n  - package: dbt-labs/dbt_utils # keep\n    version: 1.1.1\n';
    const dir = project({ 'packages.yml': original });
    expect((await run(dir)).code).toBe(0);
    const lock = read(dir, 'package-lock.yml');
    const unchanged = () => {
      expect(read(dir, 'packages.yml')).toBe(original);
      expect(read(dir, 'package-lock.yml')).toBe(lock);
      expect(installed(dir, 'dbt_utils')).toContain('utils 1.1.1');
      expect(leftovers(dir)).toEqual([]);
    };

    const noVersion = await run(dir, '--add-package', 'dbt-labs/dbt_utils');
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('error TSDBT_DEPS_ADD_PACKAGE_INVALID: Version is required in --add-package when source is hub');
    expect(noVersion.stderr).toContain('tsdbt deps --add-package dbt-labs/dbt_utils@1.1.1');
    unchanged();

    const gitNoRevision = await run(dir, '--add-package', 'https://example.com/org/repo.git', '--source', 'git');
    expect(gitNoRevision.code).toBe(2);
    expect(gitNoRevision.stderr).toContain('Version is required in --add-package when source is git');

    const source = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.0.0', '--source', 'pypi');
    expect(source.code).toBe(2);
    expect(source.stderr).toContain("error TSDBT_DEPS_ADD_PACKAGE_INVALID: Invalid value for --source: 'pypi' is not one of 'hub', 'git', 'local'");
    unchanged();

    const unknown = await run(dir, '--add-package', 'dbt-labs/dbt_utilz@1.0.0');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error TSDBT_DEPS_PACKAGE_NOT_FOUND: --add-package dbt-labs/dbt_utilz@1.0.0: Package dbt-labs/dbt_utilz: not found');
    expect(unknown.stderr).toContain('Did you mean dbt-labs/dbt_utils? Fix the package name in --add-package');
    expect(unknown.stderr).toContain('packages.yml and package-lock.yml were left as they were.');
    // Nothing was written, so nothing claims it was.
    expect(unknown.stdout).not.toContain('Added new package');
    unchanged();

    const version = await run(dir, '--add-package', 'dbt-labs/dbt_utils@9.9.9');
    expect(version.code).toBe(1);
    expect(version.stderr).toContain('error TSDBT_DEPS_VERSION_NOT_FOUND: --add-package dbt-labs/dbt_utils@9.9.9');
    unchanged();
  });

  it('a malformed packages.yml: an error naming the file and line, the file left as it was', async () => {
    const broken = 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [1.0.0\n';
    const dir = project({ 'packages.yml': broken });
    const r = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.1.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/packages\.yml:\d+: error TSDBT_YAML_SYNTAX/);
    expect(r.stderr).toContain('nothing was written');
    expect(read(dir, 'packages.yml')).toBe(broken);

    writeFileSync(join(dir, 'packages.yml'), 'packages:\n  package: dbt-labs/dbt_utils\n');
    const notList = await run(dir, '--add-package', 'dbt-labs/dbt_utils@1.1.1');
    expect(notList.code).toBe(2);
    expect(notList.stderr).toContain("packages.yml:2: error TSDBT_PACKAGE_SPEC_INVALID: 'packages' in packages.yml must be a list");
    expect(existsSync(join(dir, 'package-lock.yml'))).toBe(false);
  });

  it('a failed install leaves packages.yml, package-lock.yml and dbt_packages as they were', async () => {
    const original = 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n';
    const dir = project({ 'packages.yml': original });
    expect((await run(dir)).code).toBe(0);
    const lock = read(dir, 'package-lock.yml');
    const r = await run(dir, '--add-package', 'acme/broken@1.0.0');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error TSDBT_DEPS_DOWNLOAD_FAILED');
    expect(r.stderr).toContain('packages.yml and package-lock.yml were left as they were.');
    expect(r.stdout).not.toMatch(/Added new package|Created packages\.yml|Updating lock file/);
    expect(read(dir, 'packages.yml')).toBe(original);
    expect(read(dir, 'package-lock.yml')).toBe(lock);
    expect(readdirSync(join(dir, 'dbt_packages'))).toEqual(['dbt_utils']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('--help shows the new flags with an example', async () => {
    const r = await tsdbt(['deps', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--add-package', '--source', '--dry-run']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('tsdbt deps --add-package dbt-labs/dbt_utils@1.1.1');
  });
});
