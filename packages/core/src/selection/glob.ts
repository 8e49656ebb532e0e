const cache = new Map<string, RegExp>();

/** Python's fnmatch (what dbt uses): `*`, `?`, `[abc]`, `[!a-z]`, case-sensitive, `*` crosses `/`. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${translate(pattern, false)}$`, 's');
    cache.set(pattern, re);
  }
  return re.test(name);
}

/** True when the pattern has a wildcard character, so plain strings can take the fast path. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/**
 * A glob as pathlib's `Path.glob` reads it (dbt's `path:` method): `*` and `?` stay inside one path segment,
 * `**` spans any number of segments.
 */
export function pathGlob(pattern: string): RegExp {
  return new RegExp(`^${translate(pattern, true)}$`, 's');
}

function translate(pattern: string, pathAware: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pathAware && pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += pathAware ? '[^/]*' : '.*';
    } else if (c === '?') out += pathAware ? '[^/]' : '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return out;
}
