// A stand-in for dbt hub's API (hub.getdbt.com) on 127.0.0.1, for `tsdbt deps` tests: the index, one JSON
// document per package with its versions, and .tar.gz archives made at test time from in-memory files, laid out as
// GitHub's (one top folder). Test infrastructure only.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';

export type Files = Record<string, string>;

export interface HubVersionSpec {
  /** The package's files (dbt_project.yml included), by path inside the package. */
  files: Files;
  /** What this version asks for, as the hub lists it. */
  packages?: Array<{ package: string; version: string | string[] }>;
}

/** Org/name → the project name it installs as and its versions. */
export type HubPackages = Record<string, { name: string; versions: Record<string, HubVersionSpec> }>;

export interface HubStandIn {
  url: string;
  /** Every path asked for, in order. */
  requests: string[];
  /** The Authorization header of each request, in the same order (undefined when none was sent). */
  authorizations: (string | undefined)[];
  /** Publishes (or replaces) a package version while the server runs. */
  publish(pkg: string, name: string, version: string, spec: HubVersionSpec): Promise<void>;
  /** Serves `body` at `path` as is (a tarball: entry's URL, a broken archive). */
  serve(path: string, body: Buffer): void;
  /**
   * Answers `path` with `status` and `body` from now on, before anything published there: a broken mirror's
   * answers (a document that is not JSON, lacks keys, or a 404).
   */
  answer(path: string, status: number, body: string): void;
  close(): Promise<void>;
}

/** A .tar.gz holding `files` under one top folder `top/`. */
export async function makeTarball(top: string, files: Files): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-hub-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, top, path)), { recursive: true });
    writeFileSync(join(dir, top, path), text);
  }
  try {
    const file = join(dir, 'out.tar.gz');
    await create({ gzip: true, file, cwd: dir, portable: true }, [top]);
    return readFileSync(file);
  } finally {
    // Only the bytes are served: the folder they were packed from goes at once.
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startHub(packages: HubPackages = {}): Promise<HubStandIn> {
  const bodies = new Map<string, Buffer>();
  const docs = new Map<string, { name: string; namespace: string; versions: Record<string, unknown> }>();
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const answers = new Map<string, { status: number; body: string }>();
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    authorizations.push(req.headers.authorization);
    const fixed = answers.get(path);
    if (fixed) return void res.writeHead(fixed.status, { 'content-type': 'application/json' }).end(fixed.body);
    if (path === '/api/v1/index.json') return json(res, [...docs.keys()]);
    const doc = /^\/api\/v1\/(.+)\.json$/.exec(path);
    if (doc && docs.has(doc[1]!)) return json(res, docs.get(doc[1]!));
    const body = bodies.get(path);
    if (body) {
      res.writeHead(200, { 'content-type': 'application/gzip' });
      return res.end(body);
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const publish = async (pkg: string, name: string, version: string, spec: HubVersionSpec) => {
    const [namespace] = pkg.split('/');
    const tarPath = `/tarballs/${pkg}/${version}.tar.gz`;
    bodies.set(tarPath, await makeTarball(`${name}-${version}`, spec.files));
    const d = docs.get(pkg) ?? { name, namespace: namespace!, versions: {} };
    d.versions[version] = { name, version, packages: spec.packages ?? [], downloads: { tarball: `${base}${tarPath}` } };
    docs.set(pkg, d);
  };
  for (const [pkg, p] of Object.entries(packages)) for (const [v, spec] of Object.entries(p.versions)) await publish(pkg, p.name, v, spec);
  return {
    url: `${base}/`,
    requests,
    authorizations,
    publish,
    serve: (path, body) => void bodies.set(path, body),
    answer: (path, status, body) => void answers.set(path, { status, body }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function json(res: import('node:http').ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
