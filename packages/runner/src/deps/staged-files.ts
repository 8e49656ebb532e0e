import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Files written beside their targets under a temporary name and renamed over them only on `commit()`, so a failed
 * `tsdbt deps` leaves packages.yml and package-lock.yml exactly as they were. `discard()` removes what is left.
 */
export class StagedFiles {
  private readonly staged = new Map<string, string>();

  /** Writes `text` next to `path` now (a full disk or a read-only folder fails before anything is installed). */
  stage(path: string, text: string): void {
    const tmp = `${path}.tsdbt-${process.pid}.tmp`;
    writeFileSync(tmp, text);
    this.staged.set(path, tmp);
  }

  has(path: string): boolean {
    return this.staged.has(path);
  }

  commit(): void {
    for (const [path, tmp] of this.staged) {
      renameSync(tmp, path);
      this.staged.delete(path);
    }
  }

  discard(): void {
    for (const tmp of this.staged.values()) rmSync(tmp, { force: true });
    this.staged.clear();
  }
}
