import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The temporary file a writer of `path` uses: `<path>.<tag><pid>.tmp`, renamed over `path` once complete. `tag` names
 * the writer where a bare pid would puzzle a user (`packages.yml.tsdbt-4242.tmp` in a project's root).
 */
export function temporaryPath(path: string, tag = ''): string {
  return `${path}.${tag}${process.pid}.tmp`;
}

/**
 * Removes the temporary files of `path` (named by temporaryPath with the same `tag`) left by commands that were killed mid-write (`manifest.json.4242.tmp`, up
 * to the manifest's size each): only those whose process is gone, never this process's own nor another running
 * command's, which is still writing it. Best effort: a file that cannot be listed or removed is left as it was.
 */
export function removeStaleTemporaries(path: string, tag = ''): void {
  const prefix = `${basename(path)}.${tag}`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const digits = name.slice(prefix.length, -'.tmp'.length);
    if (!/^[1-9][0-9]*$/.test(digits)) continue;
    const pid = Number(digits);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(dirname(path), name), { force: true });
    } catch {
      // Someone else's file we may not remove: it stays until `tsdbt clean`.
    }
  }
}

/** Signal 0 checks that a process exists: ESRCH means none; EPERM means one runs under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
