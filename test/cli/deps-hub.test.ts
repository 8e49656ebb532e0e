import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, packageFiles, project, tsdbt } from './deps-helpers.js';

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
        '2.0.0b1': { files: packageFiles('dbt_utils', 'utils 2.0.0b1') },
      },
    },
    'acme/dates': {
      name: 'dates',
      versions: {
        '0.3.0': { files: packageFiles('dates', 'dates 0.3.0'), packages: [{ package: 'dbt-labs/dbt_utils', version: ['>=1.0.0', '<1.2.0'] }] },
      },
    },
  });
});
afterAll(() => hub?.close());

const lockOf = (dir: string) => readFileSync(join(dir, 'package-lock.yml'), 'utf8');
const installedText = (dir: string, name: string) => readFileSync(join(dir, 'dbt_packages', name, 'macros', `${name}_hello.sql`), 'utf8');

describe.skipIf(!existsSync(bin))('tsdbt deps: hub packages', () => {
  it('installs the highest version in range, says so as dbt, writes package-lock.yml, then parses', async () => {
    const dir = project({
      'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0", "<2.0.0"]\n',
      'models/uses_utils.sql': 'select {{ dbt_utils.hello() }} as v\n',
    });
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Installing dbt-labs/dbt_utils\nInstalled from version 1.2.0\nUp to date!\n');
    expect(r.stdout).toContain(`Updating lock file in file path: ${join(dir, 'package-lock.yml')}`);
    expect(installedText(dir, 'dbt_utils')).toContain('utils 1.2.0');
    const lock = lockOf(dir);
    expect(lock).toMatch(/^packages:\n {2}- name: dbt_utils\n {4}package: dbt-labs\/dbt_utils\n {4}version: 1\.2\.0\nsha1_hash: [0-9a-f]{40}\n$/);
    const compiled = await tsdbt(['compile', '--project-dir', dir, '--select', 'uses_utils']);
    expect(compiled.code).toBe(0);
    expect(readFileSync(join(dir, 'target/compiled/core_basic/models/uses_utils.sql'), 'utf8')).toContain("'utils 1.2.0'");
  });

  it('installs from the lock while packages.yml is unchanged; --upgrade resolves again', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0", "<2.0.0"]\n' });
    // A lock pinning an older version, hashed for this packages.yml by a first run.
    expect((await tsdbt(['deps', '--project-dir', dir], env())).code).toBe(0);
    writeFileSync(join(dir, 'package-lock.yml'), lockOf(dir).replace('version: 1.2.0', 'version: 1.1.1'));
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Installed from version 1.1.1\nUpdated version available: 1.2.0\n');
    expect(r.stdout).toContain("Updated version available: 1.2.0\n\nUpdates available for packages: ['dbt-labs/dbt_utils']\nUpdate your versions in packages.yml, then run tsdbt deps\n");
    expect(r.stdout).not.toContain('Updating lock file');
    expect(installedText(dir, 'dbt_utils')).toContain('utils 1.1.1');
    const up = await tsdbt(['deps', '--project-dir', dir, '--upgrade'], env());
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Installed from version 1.2.0\nUp to date!');
    expect(lockOf(dir)).toContain('version: 1.2.0');
  });

  it('a changed packages.yml resolves again; --lock writes the lock and installs nothing', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.0.0\n' });
    const r = await tsdbt(['deps', '--project-dir', dir, '--lock'], env());
    expect(r.code).toBe(0);
    expect(lockOf(dir)).toContain('version: 1.0.0');
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(false);
    writeFileSync(join(dir, 'packages.yml'), 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n');
    expect((await tsdbt(['deps', '--project-dir', dir], env())).code).toBe(0);
    expect(lockOf(dir)).toContain('version: 1.1.1');
    expect(installedText(dir, 'dbt_utils')).toContain('utils 1.1.1');
  });

  it('intersects the ranges of the root and of transitive packages; prereleases only when asked for', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/dates\n    version: 0.3.0\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0"]\n' });
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'dbt_packages')).sort()).toEqual(['dates', 'dbt_utils']);
    // dates asks for <1.2.0: 1.1.1, not 1.2.0 (and not the 2.0.0b1 prerelease).
    expect(installedText(dir, 'dbt_utils')).toContain('utils 1.1.1');
    expect(lockOf(dir)).toContain('- name: dates\n    package: acme/dates\n    version: 0.3.0\n  - name: dbt_utils');
    const pre = project({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0"]\n    install-prerelease: true\n' });
    expect((await tsdbt(['deps', '--project-dir', pre], env())).code).toBe(0);
    expect(installedText(pre, 'dbt_utils')).toContain('utils 2.0.0b1');
  });

  it('ranges that do not overlap fail with the entry, the package and who asked for what; nothing installed', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/dates\n    version: 0.3.0\n  - package: dbt-labs/dbt_utils\n    version: 1.2.0\n' });
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error TSDBT_DEPS_VERSION_NOT_FOUND');
    expect(r.stderr).toContain('Package dbt-labs/dbt_utils');
    expect(r.stderr).toContain('dates asks for >=1.0.0, <1.2.0');
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(false);
    expect(existsSync(join(dir, 'package-lock.yml'))).toBe(false);
  });

  it('an unknown package or an unreachable hub: exit 1 naming packages.yml and the line; the previous install kept', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n' });
    expect((await tsdbt(['deps', '--project-dir', dir], env())).code).toBe(0);
    writeFileSync(join(dir, 'packages.yml'), 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n  - package: acme/nope\n    version: 1.0.0\n');
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('packages.yml:4: error TSDBT_DEPS_PACKAGE_NOT_FOUND');
    expect(r.stderr).toContain('acme/nope');
    const down = await tsdbt(['deps', '--project-dir', dir], { DBT_PACKAGE_HUB_URL: 'http://127.0.0.1:9/' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('error TSDBT_DEPS_HUB_UNREACHABLE');
    expect(installedText(dir, 'dbt_utils')).toContain('utils 1.1.1');
    expect(readdirSync(dir).filter((f) => f.includes('tsdbt-'))).toEqual([]);
  });
});
