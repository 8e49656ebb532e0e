import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubStandIn } from '../stand-ins/dbt-hub/hub-server.js';
import { bin, packageFiles, project, tsdbt } from './deps-helpers.js';

// A hub mirror ($DBT_PACKAGE_HUB_URL) that answers, but not with dbt hub's API: each answer is a coded deps error
// naming packages.yml's entry, the package, the hub URL and what was wrong, never TSDBT_INTERNAL or a stack.
let hub: HubStandIn;
beforeEach(async () => {
  hub = await startHub({ 'dbt-labs/dbt_utils': { name: 'dbt_utils', versions: { '1.1.1': { files: packageFiles('dbt_utils') } } } });
});
afterEach(() => hub?.close());

const DOC = '/api/v1/dbt-labs/dbt_utils.json';

async function deps(pkg = 'dbt-labs/dbt_utils') {
  const dir = project({ 'packages.yml': `packages:\n  - package: ${pkg}\n    version: 1.1.1\n` });
  const r = await tsdbt(['deps', '--project-dir', dir], { DBT_PACKAGE_HUB_URL: hub.url });
  expect(r.stderr).not.toContain('TSDBT_INTERNAL');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(1);
  return r.stderr;
}

describe.skipIf(!existsSync(bin))('tsdbt deps: a hub mirror that answers with something other than the hub API', () => {
  it('a version without downloads.tarball names the package, the version and the hub URL, with a hint', async () => {
    hub.answer(DOC, 200, JSON.stringify({ name: 'dbt_utils', namespace: 'dbt-labs', versions: { '1.1.1': { name: 'dbt_utils', packages: [] } } }));
    const err = await deps();
    expect(err).toContain('packages.yml:2: error TSDBT_DEPS_HUB_BAD_RESPONSE');
    expect(err).toContain('Package dbt-labs/dbt_utils');
    expect(err).toContain(`the package hub at ${hub.url}`);
    expect(err).toContain('has no downloads.tarball for version 1.1.1');
    expect(err).toMatch(/hint: .*\$DBT_PACKAGE_HUB_URL/);
  });

  it('a package document without versions, or not JSON at all (a proxy’s HTML page)', async () => {
    hub.answer(DOC, 200, JSON.stringify({ name: 'dbt_utils', namespace: 'dbt-labs' }));
    expect(await deps()).toContain(`${hub.url}api/v1/dbt-labs/dbt_utils.json has no "versions"`);
    hub.answer(DOC, 200, '<html><body>Mirror maintenance</body></html>');
    const html = await deps();
    expect(html).toContain('error TSDBT_DEPS_HUB_BAD_RESPONSE');
    expect(html).toContain('dbt_utils.json is not JSON (it starts: <html><body>Mirror maintenance');
  });

  it('an index that is missing (a URL that is no hub) or is not a list', async () => {
    hub.answer('/api/v1/index.json', 404, 'not found');
    expect(await deps()).toContain(`has no ${hub.url}api/v1/index.json (HTTP 404)`);
    hub.answer('/api/v1/index.json', 200, '{"packages": []}');
    expect(await deps()).toContain('index.json is not a list of package names');
  });

  it('a package the index lists whose document is missing: the mirror is incomplete', async () => {
    hub.answer(DOC, 404, 'not found');
    const err = await deps();
    expect(err).toContain('error TSDBT_DEPS_HUB_BAD_RESPONSE');
    expect(err).toContain(`has no ${hub.url}api/v1/dbt-labs/dbt_utils.json (HTTP 404)`);
  });

  it('a misspelt package name is not found on the hub, with the likely name as the hint', async () => {
    const err = await deps('dbt-labs/dbt_utilz');
    expect(err).toContain('packages.yml:2: error TSDBT_DEPS_PACKAGE_NOT_FOUND');
    expect(err).toContain('Package dbt-labs/dbt_utilz: not found in the package index');
    expect(err).toContain('Did you mean dbt-labs/dbt_utils?');
  });
});
