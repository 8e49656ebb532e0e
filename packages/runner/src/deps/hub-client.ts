import { httpGet } from './http-get.js';

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

/** dbt hub's address: `$DBT_PACKAGE_HUB_URL` (a mirror) or hub.getdbt.com, always with a trailing slash. */
export function hubUrl(explicit?: string): string {
  const url = explicit ?? process.env.DBT_PACKAGE_HUB_URL ?? 'https://hub.getdbt.com/';
  return url.endsWith('/') ? url : `${url}/`;
}

/** The hub's API (`api/v1/index.json`, `api/v1/<org>/<name>.json`), each document read once per run. */
export class HubClient {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly baseUrl: string) {}

  private getJson(path: string): Promise<unknown> {
    let got = this.cache.get(path);
    if (!got) {
      got = httpGet(`${this.baseUrl}${path}`).then((b) => JSON.parse(b.toString('utf8')) as unknown);
      this.cache.set(path, got);
    }
    return got;
  }

  async index(): Promise<string[]> {
    const index = await this.getJson('api/v1/index.json');
    return Array.isArray(index) ? index.map(String) : [];
  }

  async package(name: string): Promise<HubPackage> {
    return (await this.getJson(`api/v1/${name}.json`)) as HubPackage;
  }
}
