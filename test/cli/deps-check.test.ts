import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, packageFiles, project, tsdbt, writeFiles } from './deps-helpers.js';

const PACKAGES = `packages:
  - local: ../shared
  - package: dbt-labs/dbt_utils
    version: [">=1.0.0", "<2.0.0"]
`;

describe.skipIf(!existsSync(bin))('packages.yml entries that are not installed', () => {
  it('stop the parse with one coded error at the entry, as dbt, exit 2', async () => {
    const dir = project({ 'packages.yml': PACKAGES, '../shared/dbt_project.yml': 'name: shared\nversion: "1"\n' });
    const r = await tsdbt(['parse', '--project-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('packages.yml:3:');
    expect(r.stderr).toContain('TSDBT_PACKAGES_NOT_INSTALLED');
    expect(r.stderr).toContain('found 2 package(s) specified in packages.yml, but only 1 package(s) installed in dbt_packages');
    expect(r.stderr).toContain('dbt-labs/dbt_utils');
    expect(r.stderr).toContain('Run "tsdbt deps"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // build stops the same way, before any node runs.
    expect((await tsdbt(['build', '--project-dir', dir])).code).toBe(2);
  });

  it('a local entry whose folder is missing is not installed either', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - local: ../nowhere\n' });
    const r = await tsdbt(['parse', '--project-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('packages.yml:2:');
    expect(r.stderr).toContain('local: ../nowhere');
  });

  it('pass once the package sits under packages-install-path (or a lock names its folder)', async () => {
    const dir = project({ 'packages.yml': PACKAGES, '../shared/dbt_project.yml': 'name: shared\nversion: "1"\n' });
    writeFiles(join(dir, 'dbt_packages/dbt_utils'), packageFiles('dbt_utils'));
    expect((await tsdbt(['parse', '--project-dir', dir])).code).toBe(0);
    // Installed under another folder name than the hub name: the lock says which, as `tsdbt deps` writes it.
    const other = project({ 'packages.yml': 'packages:\n  - package: acme/utils_pkg\n    version: 1.0.0\n' });
    writeFiles(join(other, 'dbt_packages/acme_utils'), packageFiles('acme_utils'));
    writeFileSync(join(other, 'package-lock.yml'), 'packages:\n  - name: acme_utils\n    package: acme/utils_pkg\n    version: 1.0.0\nsha1_hash: x\n');
    expect((await tsdbt(['parse', '--project-dir', other])).code).toBe(0);
    // The lock names a folder that is not there: not installed.
    const gone = project({ 'packages.yml': 'packages:\n  - package: acme/utils_pkg\n    version: 1.0.0\n' });
    mkdirSync(join(gone, 'dbt_packages'));
    writeFileSync(join(gone, 'package-lock.yml'), 'packages:\n  - name: acme_utils\n    package: acme/utils_pkg\n    version: 1.0.0\nsha1_hash: x\n');
    const r = await tsdbt(['parse', '--project-dir', gone]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TSDBT_PACKAGES_NOT_INSTALLED');
  });

  it('a git entry installed under its project name passes when dbt_packages holds as many packages', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - git: https://example.com/acme/dbt-things.git\n    revision: 1.0.0\n' });
    writeFiles(join(dir, 'dbt_packages/things'), packageFiles('things'));
    expect((await tsdbt(['parse', '--project-dir', dir])).code).toBe(0);
  });

  it('a local package linked into dbt_packages does not stand in for a missing hub package', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - local: ../shared\n  - package: acme/utils_pkg\n    version: 1.0.0\n', '../shared/dbt_project.yml': 'name: shared\nversion: "1"\n' });
    mkdirSync(join(dir, 'dbt_packages'));
    symlinkSync(join(dir, '../shared'), join(dir, 'dbt_packages/shared'), 'dir');
    const r = await tsdbt(['parse', '--project-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('packages.yml:3:');
    expect(r.stderr).toContain('Not installed: acme/utils_pkg');
  });
});
