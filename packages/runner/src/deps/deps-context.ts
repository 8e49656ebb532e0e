import { join } from 'node:path';
import { downloadTarball } from './extract-tarball.js';
import { fetchGit } from './fetch-git.js';
import type { HubClient } from './hub-client.js';
import type { DepsEvent } from './types.js';

/** What one `tsdbt deps` run shares: the root project, the hub, and the downloads of this run (each fetched once). */
export class DepsContext {
  private readonly checkouts = new Map<string, Promise<{ dir: string; sha: string }>>();
  private readonly tarballs = new Map<string, Promise<string>>();
  private next = 0;
  private readonly warned = new Set<string>();
  readonly emit: (event: DepsEvent) => void;

  constructor(
    readonly rootDir: string,
    readonly rootName: string,
    readonly vars: Record<string, unknown>,
    readonly hub: HubClient,
    /** A work folder next to packages-install-path: downloads/ and the staging folder live here. */
    readonly workDir: string,
    emit: (event: DepsEvent) => void,
  ) {
    // A package is pinned once per resolution round: its warnings are said once.
    this.emit = (event) => {
      if (event.level === 'warn') {
        if (this.warned.has(event.message)) return;
        this.warned.add(event.message);
      }
      emit(event);
    };
  }

  private slot(): string {
    return join(this.workDir, 'downloads', String(this.next++));
  }

  checkout(url: string, revision: string | undefined): Promise<{ dir: string; sha: string }> {
    const key = `${url}\n${revision ?? 'HEAD'}`;
    let got = this.checkouts.get(key);
    if (!got) {
      const dir = this.slot();
      got = fetchGit(url, revision, dir).then((sha) => ({ dir, sha }));
      this.checkouts.set(key, got);
    }
    return got;
  }

  tarball(url: string): Promise<string> {
    let got = this.tarballs.get(url);
    if (!got) {
      got = downloadTarball(url, this.slot());
      this.tarballs.set(url, got);
    }
    return got;
  }
}
