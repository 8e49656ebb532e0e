import { describe, expect, it } from 'vitest';
import { resolveVersion } from '../../packages/runner/src/deps/resolve-version.js';
import { specHash } from '../../packages/runner/src/deps/lock-file.js';
import type { PackageSpec } from '../../packages/runner/src/deps/types.js';

const available = ['0.9.0', '1.0.0', '1.1.1', '1.2.0', '1.3.0a1', '2.0.0'];

describe('hub version resolution, as dbt resolves it', () => {
  it('picks the highest installable version in the intersection of every range', () => {
    expect(resolveVersion(['>=1.0.0', '<2.0.0'], available, false)).toMatchObject({ ok: true, version: '1.2.0', latest: '2.0.0' });
    expect(resolveVersion(['>=1.0.0', '<2.0.0', '<1.2.0'], available, false)).toMatchObject({ ok: true, version: '1.1.1' });
    expect(resolveVersion(['1.0.0'], available, false)).toMatchObject({ ok: true, version: '1.0.0' });
    expect(resolveVersion(['=1.1.1', '>=1.0.0'], available, false)).toMatchObject({ ok: true, version: '1.1.1' });
  });

  it('prereleases only with install-prerelease or when a specifier names one (Python-style 1.3.0a1 included)', () => {
    expect(resolveVersion(['>=1.2.0', '<2.0.0'], available, false)).toMatchObject({ ok: true, version: '1.2.0' });
    expect(resolveVersion(['>=1.2.0', '<2.0.0'], available, true)).toMatchObject({ ok: true, version: '1.3.0a1' });
    expect(resolveVersion(['1.3.0a1'], available, false)).toMatchObject({ ok: true, version: '1.3.0a1' });
  });

  it('ranges that cannot overlap, and ranges no published version meets, are told apart', () => {
    expect(resolveVersion(['1.2.0', '<1.2.0'], available, false)).toMatchObject({ ok: false, reason: 'incompatible' });
    expect(resolveVersion(['>=3.0.0'], available, false)).toMatchObject({ ok: false, reason: 'no-match' });
    expect(resolveVersion(['latest'], available, false)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('package-lock.yml sha1_hash', () => {
  const hub = (raw: Record<string, unknown>): PackageSpec => ({
    kind: 'hub', package: String(raw.package), versions: [String(raw.version)], installPrerelease: false, at: { file: 'packages.yml', requiredBy: '', raw },
  });
  const local = (path: string): PackageSpec => ({ kind: 'local', local: path, at: { file: 'packages.yml', requiredBy: '', raw: { local: path } } });

  it('does not depend on the order of entries or keys, and changes with any value', () => {
    const a = specHash([hub({ package: 'dbt-labs/dbt_utils', version: '1.1.1' }), local('../x')]);
    const b = specHash([local('../x'), hub({ version: '1.1.1', package: 'dbt-labs/dbt_utils' })]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(specHash([hub({ package: 'dbt-labs/dbt_utils', version: '1.1.2' }), local('../x')])).not.toBe(a);
  });

  it("hashes each entry's package contract as Python's json.dumps(sort_keys=True), as dbt 1.8+ does", () => {
    // Python: sha1(json.dumps({'install_prerelease': False, 'package': 'dbt-labs/dbt_utils',
    //   'unrendered': {'package': 'dbt-labs/dbt_utils', 'version': '1.1.1'}, 'version': '1.1.1'}, sort_keys=True).encode())
    expect(specHash([hub({ version: '1.1.1', package: 'dbt-labs/dbt_utils' })])).toBe('a158c48c59c2bb7d729d2a4e215aabe5bb4f3353');
  });
});
