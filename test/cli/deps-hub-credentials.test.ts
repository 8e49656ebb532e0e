import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, packageFiles, project, tsdbt } from './deps-helpers.js';

// A hub mirror behind basic auth, its user and token in $DBT_PACKAGE_HUB_URL (dbt's requests sends them as an
// Authorization header): deps installs through it, and no message or log line carries the token.
let hub: HubStandIn;
beforeEach(async () => {
  hub = await startHub({ 'dbt-labs/dbt_utils': { name: 'dbt_utils', versions: { '1.1.1': { files: packageFiles('dbt_utils') } } } });
});
afterEach(() => hub?.close());

const withCredentials = (url: string, userinfo: string): string => url.replace('http://', `http://${userinfo}@`);
const PACKAGES = { 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n' };

describe.skipIf(!existsSync(bin))('tsdbt deps: a hub URL with credentials', () => {
  it('sends them as Basic authorization and installs', async () => {
    const dir = project(PACKAGES);
    const r = await tsdbt(['deps', '--project-dir', dir], { DBT_PACKAGE_HUB_URL: withCredentials(hub.url, 'ci:s3cret-token') });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(dir, 'dbt_packages', 'dbt_utils', 'dbt_project.yml'))).toBe(true);
    const basic = `Basic ${Buffer.from('ci:s3cret-token').toString('base64')}`;
    expect(hub.authorizations[hub.requests.indexOf('/api/v1/index.json')]).toBe(basic);
    expect(r.stdout + r.stderr).not.toContain('s3cret');
  });

  it('masks the token in the errors and in dbt.log when the mirror fails', async () => {
    hub.answer('/api/v1/dbt-labs/dbt_utils.json', 404, 'not found');
    for (const [userinfo, shown] of [['ci:s3cret-token', 'ci:***@'], ['s3cret-token', '***@']]) {
      const dir = project(PACKAGES);
      const r = await tsdbt(['deps', '--project-dir', dir], { DBT_PACKAGE_HUB_URL: withCredentials(hub.url, userinfo!) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error TSDBT_DEPS_HUB_BAD_RESPONSE');
      expect(r.stderr).toContain(withCredentials(hub.url, shown!.slice(0, -1)));
      expect(r.stdout + r.stderr).not.toContain('s3cret');
      const log = join(dir, 'logs', 'dbt.log');
      if (existsSync(log)) expect(readFileSync(log, 'utf8')).not.toContain('s3cret');
    }
  });
});
