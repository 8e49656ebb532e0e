// A `tsdbt deps --add-package` killed mid-install: the files it staged in the project root and its work folder beside
// dbt_packages are removed by the next deps, as long as their process is gone; a running deps's are left alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, packageFiles, project, tsdbt } from './deps-helpers.js';

let hub: HubStandIn;
// Accepts the tarball request and never answers it: the install stays in progress until the process is killed.
let stall: Server;
let stalled = 0;
const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });

beforeAll(async () => {
  stall = createServer(() => void stalled++);
  await new Promise<void>((r) => stall.listen(0, '127.0.0.1', r));
  hub = await startHub({
    'dbt-labs/dbt_utils': { name: 'dbt_utils', versions: { '1.1.1': { files: packageFiles('dbt_utils') } } },
    'acme/slow': { name: 'slow', versions: { '1.0.0': { files: packageFiles('slow') } } },
  });
  const tarball = `http://127.0.0.1:${(stall.address() as AddressInfo).port}/slow-1.0.0.tar.gz`;
  hub.answer('/api/v1/acme/slow.json', 200, JSON.stringify({
    name: 'slow', namespace: 'acme', versions: { '1.0.0': { name: 'slow', version: '1.0.0', packages: [], downloads: { tarball } } },
  }));
});
afterAll(async () => {
  live.kill();
  stall?.closeAllConnections();
  await new Promise((r) => stall?.close(r));
  await hub?.close();
});

const waitFor = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
};

describe.skipIf(!existsSync(bin))('tsdbt deps after a killed deps --add-package', () => {
  it('removes the staged packages.yml and lock of the killed process, keeps a running one’s and other files', async () => {
    const dir = project({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n' });
    const env = { ...process.env, DBT_PACKAGE_HUB_URL: hub.url };
    const child = spawn(process.execPath, [bin, 'deps', '--project-dir', dir, '--add-package', 'acme/slow@1.0.0'], { env, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // The tarball is asked for after packages.yml and the lock were staged.
    await waitFor(() => stalled > 0);
    child.kill('SIGKILL');
    await exited;
    const killed = [`packages.yml.tsdbt-${child.pid}.tmp`, `package-lock.yml.tsdbt-${child.pid}.tmp`];
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(killed));
    // The killed install's work folder, named with its pid (mkdtemp's six characters after it).
    const workDirs = readdirSync(dir).filter((n) => n.startsWith(`.dbt_packages.tsdbt-${child.pid}-`));
    expect(workDirs).toHaveLength(1);
    expect(workDirs[0]).toMatch(/-[A-Za-z0-9]{6}$/u);

    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftovers = [...killed, `dependencies.yml.tsdbt-${dead}.tmp`];
    const kept = [`packages.yml.tsdbt-${live.pid}.tmp`, `packages.yml.${dead}.tmp`, `packages.yml.tsdbt-${dead}.tmp.keep`, `models.yml.tsdbt-${dead}.tmp`];
    for (const name of [...leftovers.slice(2), ...kept]) writeFileSync(join(dir, name), 'packages: [');
    // Work folders: a dead deps's goes, with what it holds; a running one's and look-alikes stay.
    const deadWork = `.dbt_packages.tsdbt-${dead}-Ab12Cd`;
    const keptWork = [`.dbt_packages.tsdbt-${live.pid}-Ab12Cd`, `.dbt_packages.tsdbt-${dead}-Ab12`, `.dbt_packages.${dead}-Ab12Cd`, `.other.tsdbt-${dead}-Ab12Cd`];
    for (const name of [deadWork, ...keptWork]) mkdirSync(join(dir, name, 'dbt_utils'), { recursive: true });
    leftovers.push(workDirs[0]!, deadWork);
    kept.push(...keptWork);

    const r = await tsdbt(['deps', '--project-dir', dir], { DBT_PACKAGE_HUB_URL: hub.url });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = readdirSync(dir);
    for (const name of leftovers) expect(after, name).not.toContain(name);
    for (const name of kept) expect(after, name).toContain(name);
    expect(after).toEqual(expect.arrayContaining(['packages.yml', 'package-lock.yml', 'dbt_packages']));
  });
});
