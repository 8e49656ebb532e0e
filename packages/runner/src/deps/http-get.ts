/** An HTTP failure: the status when the server answered, none when it could not be reached. */
export class HttpError extends Error {
  constructor(readonly url: string, readonly status: number | undefined, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpError';
  }
}

const ATTEMPTS = 3;

/**
 * GET a URL into memory. A connection that fails is tried again (dbt retries its hub and tarball downloads the
 * same way); an HTTP error status is not, it will not change.
 */
export async function httpGet(url: string): Promise<Buffer> {
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
    } catch (error) {
      last = error;
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 250 * attempt));
      continue;
    }
    if (!res.ok) throw new HttpError(url, res.status, `GET ${url} answered HTTP ${res.status} ${res.statusText}`.trim());
    return Buffer.from(await res.arrayBuffer());
  }
  const cause = (last as { cause?: { code?: string; message?: string } })?.cause;
  throw new HttpError(url, undefined, `could not reach ${url}: ${cause?.code ?? cause?.message ?? (last as Error)?.message ?? 'network error'}`, { cause: last });
}
