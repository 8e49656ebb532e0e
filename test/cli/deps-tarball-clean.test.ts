import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTarball, startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, packageFiles, project, tsdbt } from './deps-helpers.js';

let server: HubStandIn;

beforeAll(async () => {
  server = await startHub({
    'acme/base': { name: 'base', versions: { '1.0.0': { files: packageFiles('base', 'base 1.0.0') } } },
  });
  // A tarball package that asks for a hub package in its own packages.yml.
  server.serve('/files/reports.tar.gz', await makeTarball('reports-main', packageFiles('reports', 'reports', { 'packages.yml': 'packages:\n  - package: acme/base\n    version: [">=1.0.0"]\n' })));
  server.serve('/files/broken.tar.gz', Buffer.from('this is not gzip'));
});
afterAll(() => server?.close());

const env = () => ({ DBT_PACKAGE_HUB_URL: server.url });

describe.skipIf(!existsSync(bin))('tsdbt deps: tarball packages, transitive packages; tsdbt clean', () => {
  it('downloads and extracts a tarball under its name, with the packages it asks for', async () => {
    const dir = project({ 'dependencies.yml': `packages:\n  - tarball: ${server.url}files/reports.tar.gz\n    name: reports\n` });
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Installing ${server.url}files/reports.tar.gz\nInstalled from tarball (url: ${server.url}files/reports.tar.gz)\n`);
    expect(readdirSync(join(dir, 'dbt_packages')).sort()).toEqual(['base', 'reports']);
    expect(readFileSync(join(dir, 'dbt_packages/reports/macros/reports_hello.sql'), 'utf8')).toContain('reports');
    expect(readFileSync(join(dir, 'package-lock.yml'), 'utf8')).toContain(`  - name: reports\n    tarball: ${server.url}files/reports.tar.gz\n`);
    expect((await tsdbt(['parse', '--project-dir', dir])).code).toBe(0);
  });

  it('a download that is not a tarball fails naming the entry; the previous dbt_packages stays', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/base\n    version: 1.0.0\n' });
    expect((await tsdbt(['deps', '--project-dir', dir], env())).code).toBe(0);
    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - package: acme/base\n    version: 1.0.0\n  - tarball: ${server.url}files/broken.tar.gz\n    name: broken\n  - tarball: ${server.url}files/missing.tar.gz\n    name: missing\n`);
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('packages.yml:4: error TSDBT_DEPS_DOWNLOAD_FAILED');
    expect(r.stderr).toContain('not a readable .tar.gz archive');
    expect(readdirSync(join(dir, 'dbt_packages'))).toEqual(['base']);
    writeFileSync(join(dir, 'packages.yml'), `packages:\n  - tarball: ${server.url}files/missing.tar.gz\n    name: missing\n`);
    const missing = await tsdbt(['deps', '--project-dir', dir], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('HTTP 404');
    expect(readdirSync(join(dir, 'dbt_packages'))).toEqual(['base']);
  });

  it('an entry without what it needs is a coded error at its line, exit 2', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: acme/base\n    version: 1.0.0\n  - package: acme/base2\n' });
    const r = await tsdbt(['deps', '--project-dir', dir], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('packages.yml:4: error TSDBT_PACKAGE_SPEC_INVALID: acme/base2 is missing the version');
    const both = project({ 'packages.yml': 'packages:\n  - package: acme/base\n    version: 1.0.0\n', 'dependencies.yml': 'packages:\n  - local: ../x\n' });
    const twice = await tsdbt(['deps', '--project-dir', both], env());
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Both packages.yml and dependencies.yml list packages');
  });

  it('clean removes packages-install-path only when clean-targets lists it, never what a local link points to', async () => {
    const dir = project({
      'packages.yml': 'packages:\n  - local: ../shared\n',
      ...Object.fromEntries(Object.entries(packageFiles('shared_pkg')).map(([p, t]) => [`../shared/${p}`, t])),
    });
    expect((await tsdbt(['deps', '--project-dir', dir])).code).toBe(0);
    expect(lstatSync(join(dir, 'dbt_packages/shared_pkg')).isSymbolicLink()).toBe(true);
    expect((await tsdbt(['clean', '--project-dir', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(true);
    writeFileSync(join(dir, 'dbt_project.yml'), `${readFileSync(join(dir, 'dbt_project.yml'), 'utf8')}\nclean-targets: [target, dbt_packages]\n`);
    const r = await tsdbt(['clean', '--project-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cleaned dbt_packages/');
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(false);
    expect(existsSync(join(dir, '../shared/dbt_project.yml'))).toBe(true);
    expect(existsSync(join(dir, 'package-lock.yml'))).toBe(true);
  });

  it('Ctrl-C while a download hangs: exit 130, no work folder left in the project, dbt_packages as it was', async () => {
    // A tarball server that takes the request and never answers.
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/slow.tar.gz`;
    try {
      const dir = project({ 'packages.yml': 'packages:\n  - package: acme/base\n    version: 1.0.0\n' });
      expect((await tsdbt(['deps', '--project-dir', dir], env())).code).toBe(0);
      writeFileSync(join(dir, 'packages.yml'), `packages:\n  - tarball: ${url}\n    name: slow\n`);
      const child = spawn(process.execPath, [bin, 'deps', '--project-dir', dir], { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      // The work folder exists once the download has started ("Installing" is printed after it).
      hang.once('request', () => child.kill('SIGINT'));
      expect(await exited, out).toBe(130);
      expect(readdirSync(dir).filter((f) => f.includes('tsdbt-'))).toEqual([]);
      expect(readdirSync(join(dir, 'dbt_packages'))).toEqual(['base']);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
