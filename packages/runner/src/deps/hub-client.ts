import { httpGet, shownUrl } from './http-get.js';

/** One version of a hub package, as the hub's API describes it. */
export interface HubVersion {
  name: string;
  packages: Array<{ package: string; version: unknown; 'install-prerelease'?: boolean }>;
  downloads: { tarball: string };
}

export interface HubPackage {
  name: string;
  namespace: string;
  versions: Record<string, HubVersion>;
  redirectnamespace?: string | null;
  redirectname?: string | null;
}

/**
 * The hub answered, but not with its API's JSON (a broken mirror, a proxy's HTML page, a URL that is not a hub):
 * `detail` says what was wrong with the document at `url`.
 */
export class HubResponseError extends Error {
  readonly url: string;
  constructor(url: string, readonly detail: string) {
    // Shown without the credentials a mirror's URL may carry.
    super(`${shownUrl(url)} ${detail}`);
    this.url = shownUrl(url);
    this.name = 'HubResponseError';
  }
}

/** dbt hub's address: `$DBT_PACKAGE_HUB_URL` (a mirror) or hub.getdbt.com, always with a trailing slash. */
export function hubUrl(explicit?: string): string {
  const url = explicit ?? process.env.DBT_PACKAGE_HUB_URL ?? 'https://hub.getdbt.com/';
  return url.endsWith('/') ? url : `${url}/`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The start of a body that is not JSON, on one line, for the message (an HTML page says what answered). */
function excerpt(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

/** The hub's API (`api/v1/index.json`, `api/v1/<org>/<name>.json`), each document read once per run. */
export class HubClient {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly baseUrl: string) {}

  private getJson(path: string): Promise<unknown> {
    let got = this.cache.get(path);
    if (!got) {
      const url = `${this.baseUrl}${path}`;
      got = httpGet(url).then((b) => {
        const text = b.toString('utf8');
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new HubResponseError(url, text.trim() ? `is not JSON (it starts: ${excerpt(text)})` : 'is empty');
        }
      });
      this.cache.set(path, got);
    }
    return got;
  }

  /** Every package name the hub lists (dbt checks a package is listed before reading its document). */
  async index(): Promise<string[]> {
    const path = 'api/v1/index.json';
    const index = await this.getJson(path);
    if (!Array.isArray(index)) throw new HubResponseError(`${this.baseUrl}${path}`, 'is not a list of package names');
    return index.map(String);
  }

  /** A package's document, with the keys dbt's registry client checks for (`name`, `versions`). */
  async package(name: string): Promise<HubPackage> {
    const path = `api/v1/${name}.json`;
    const doc = await this.getJson(path);
    const url = `${this.baseUrl}${path}`;
    if (!isRecord(doc)) throw new HubResponseError(url, 'is not a package document (a JSON object)');
    const missing = ['name', 'versions'].filter((k) => doc[k] === undefined || doc[k] === null);
    if (missing.length > 0) throw new HubResponseError(url, `has no ${missing.map((k) => `"${k}"`).join(' or ')}`);
    if (!isRecord(doc.versions)) throw new HubResponseError(url, 'has "versions" that is not a mapping of version to download');
    return doc as unknown as HubPackage;
  }
}
