/**
 * Whether an existing packages.yml entry is the package being added, as dbt's `check_for_duplicate_packages`:
 * the name (and its last part, with `_` and `-` swapped) found in the entry's package, git, local, tarball or
 * private value between word boundaries (`/`, `.`, the ends). So adding dbt-labs/dbt_utils replaces a git
 * entry for https://github.com/dbt-labs/dbt-utils.git, and dbt-core never matches dbt-core-utils.
 */
export function isSamePackage(entry: Record<string, unknown>, name: string): boolean {
  const id = ['package', 'git', 'local', 'tarball', 'private'].map((k) => entry[k]).find((v) => typeof v === 'string' && v !== '');
  if (typeof id !== 'string') return false;
  const variants = new Set<string>();
  const add = (n: string) => [n, n.replace(/_/g, '-'), n.replace(/-/g, '_')].forEach((v) => variants.add(v));
  add(name);
  if (name.includes('/')) add(name.split('/').pop()!);
  for (const v of variants) {
    if (v === '') continue;
    const i = id.indexOf(v);
    if (i < 0) continue;
    const end = i + v.length;
    if ((i === 0 || '/.'.includes(id[i - 1]!)) && (end === id.length || '/.'.includes(id[end]!))) return true;
  }
  return false;
}

/** An entry as dbt logs a removed one: its scalar keys in Python's dict repr (`{'package': 'x', 'version': '1.0.0'}`). */
export function pyRepr(entry: Record<string, unknown>): string {
  const parts = Object.entries(entry)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return `{${parts.join(', ')}}`;
}
