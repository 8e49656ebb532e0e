import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeStaleTemporaries, temporaryDir, temporaryPath } from '@tsdbt/core';
import { LOCK_FILE } from './lock-file.js';

const TAG = 'tsdbt-';

/** Where deps builds the packages before swapping them in: a hidden sibling of the install folder. */
const workBase = (installPath: string): string => join(dirname(installPath), `.${basename(installPath)}`);

/** This deps's work folder, `.dbt_packages.tsdbt-4242-Ab12Cd` (its pid tells a later deps whether it is still running). */
export function makeWorkDir(installPath: string): string {
  return temporaryDir(workBase(installPath), TAG);
}

/**
 * Removes what a killed `tsdbt deps` left: its staged files in the project root (`packages.yml.tsdbt-4242.tmp`) and its
 * work folder beside the install folder. Only those of ended processes, never those of a deps running now.
 */
export function removeStagedLeftovers(projectDir: string, installPath: string): void {
  for (const file of ['packages.yml', 'dependencies.yml', LOCK_FILE]) removeStaleTemporaries(join(projectDir, file), TAG);
  removeStaleTemporaries(workBase(installPath), TAG, { recursive: true });
}

/**
 * Files written beside their targets under a temporary name and renamed over them only on `commit()`, so a failed
 * `tsdbt deps` leaves packages.yml and package-lock.yml exactly as they were. `discard()` removes what is left.
 */
export class StagedFiles {
  private readonly staged = new Map<string, string>();

  /** Writes `text` next to `path` now (a full disk or a read-only folder fails before anything is installed). */
  stage(path: string, text: string): void {
    const tmp = temporaryPath(path, TAG);
    writeFileSync(tmp, text);
    this.staged.set(path, tmp);
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
