import semver from 'semver';

const OPTS = { loose: true, includePrerelease: true } as const;

const MATCHER = /^(>=|<=|>|<|=)\s*/;
const bare = (spec: string) => spec.trim().replace(MATCHER, '');

/** One of dbt's version specifiers (`1.1.1`, `>=1.0.0`, `<2.0.0`) as a semver comparator; a bare version is exact. */
function comparator(spec: string): string {
  const s = spec.trim();
  return MATCHER.test(s) ? s.replace(MATCHER, '$1') : `=${s}`;
}

export type VersionResolution =
  | { ok: true; version: string; latest: string }
  | { ok: false; reason: 'incompatible' | 'no-match' | 'invalid'; detail: string };

/**
 * dbt's resolution of a hub package: the specifiers of every project that asks for it, intersected; the highest
 * installable version in that range. Prereleases are installable only with `install-prerelease: true` or when a
 * specifier names one, as dbt's. `latest` is the highest installable version ("Updated version available").
 */
export function resolveVersion(specs: string[], available: string[], installPrerelease: boolean): VersionResolution {
  const bad = specs.find((s) => semver.valid(bare(s), OPTS) === null);
  if (bad !== undefined) return { ok: false, reason: 'invalid', detail: `'${bad}' is not a version` };
  const range = specs.map(comparator).join(' ');
  if (semver.validRange(range, OPTS) === null || semver.minVersion(range, OPTS) === null)
    return { ok: false, reason: 'incompatible', detail: `the versions asked for do not overlap: ${specs.map((s) => `'${s}'`).join(', ')}` };
  const withPre = installPrerelease || specs.some((s) => semver.prerelease(bare(s), OPTS) !== null);
  const installable = available
    .filter((v) => semver.valid(v, OPTS) !== null && (withPre || semver.prerelease(v, OPTS) === null))
    .sort((a, b) => semver.compare(a, b, OPTS));
  const latest = installable[installable.length - 1];
  const target = installable.filter((v) => semver.satisfies(v, range, OPTS)).pop();
  if (!target || !latest)
    return { ok: false, reason: 'no-match', detail: `no version matches ${specs.map((s) => `'${s}'`).join(', ')} (available: ${installable.join(', ') || 'none'})` };
  return { ok: true, version: target, latest };
}
