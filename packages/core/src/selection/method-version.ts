import { badSpec } from './parse-spec.js';
import type { MethodContext } from './types.js';

interface Versioned {
  unique_id: string;
  resource_type: string;
  version?: string | number | null;
  latest_version?: string | number | null;
}

const KINDS = ['latest', 'prerelease', 'old', 'none'];

/** `version:latest|prerelease|old|none` over versioned models, as dbt's VersionSelectorMethod. */
export function* versionMethod(ctx: MethodContext, value: string): Iterable<string> {
  if (!KINDS.includes(value)) {
    throw badSpec(`Invalid version type selector "${value}".`, { exitCode: 2 }, 'Expected one of: "latest", "prerelease", "old", "none".');
  }
  for (const m of ctx.members as unknown as Versioned[]) {
    if (m.resource_type !== 'model') continue;
    const v = m.version ?? null;
    const latest = m.latest_version ?? null;
    if (value === 'none' ? v === null : v !== null && latest !== null && matches(value, compare(v, latest), v, latest)) yield m.unique_id;
  }
}

function matches(kind: string, order: number, v: string | number, latest: string | number): boolean {
  if (kind === 'latest') return String(v) === String(latest);
  return kind === 'prerelease' ? order > 0 : order < 0;
}

/** Numbers compare as numbers (v10 after v9), anything else as text, like dbt's UnparsedVersion. */
function compare(a: string | number, b: string | number): number {
  const [x, y] = [Number(a), Number(b)];
  if (!Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
