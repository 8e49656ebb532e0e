/** An HTTP failure: the status when the server answered, none when it could not be reached. */
export class HttpError extends Error {
  constructor(readonly url: string, readonly status: number | undefined, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpError';
  }
}

const ATTEMPTS = 3;

/**
 * A URL as messages show it: a password, or a user name alone (a token), masked. A hub mirror behind basic auth
 * ($DBT_PACKAGE_HUB_URL=https://user:token@host/) must not print its token to the console or dbt.log.
 */
export function shownUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.username && !u.password) return url;
  if (u.password) u.password = '***';
  else u.username = '***';
  return u.toString();
}

/** Credentials in the URL sent as a Basic Authorization header, as Python's requests (dbt) sends them: fetch refuses them in the URL. */
function withCredentials(url: string): { href: string; headers: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { href: url, headers: {} };
  }
  if (!u.username && !u.password) return { href: url, headers: {} };
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const basic = Buffer.from(`${decode(u.username)}:${decode(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { href: u.toString(), headers: { authorization: `Basic ${basic}` } };
}

/**
 * GET a URL into memory. A connection that fails is tried again (dbt retries its hub and tarball downloads the
 * same way); an HTTP error status is not, it will not change.
 */
export async function httpGet(url: string): Promise<Buffer> {
  const { href, headers } = withCredentials(url);
  const shown = shownUrl(url);
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let res: Response;
    try {
      res = await fetch(href, { headers, signal: AbortSignal.timeout(60_000), redirect: 'follow' });
    } catch (error) {
      last = error;
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 250 * attempt));
      continue;
    }
    if (!res.ok) throw new HttpError(shown, res.status, `GET ${shown} answered HTTP ${res.status} ${res.statusText}`.trim());
    return Buffer.from(await res.arrayBuffer());
  }
  const cause = (last as { cause?: { code?: string; message?: string } })?.cause;
  const why = String(cause?.code ?? cause?.message ?? (last as Error)?.message ?? 'network error');
  throw new HttpError(shown, undefined, `could not reach ${shown}: ${why.split(href).join(shown)}`, { cause: last });
}
