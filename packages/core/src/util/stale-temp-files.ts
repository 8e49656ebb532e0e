import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The temporary file a writer of `path` uses: `<path>.<tag><pid>.tmp`, renamed over `path` once complete. `tag` names
 * the writer where a bare pid would puzzle a user (`packages.yml.tsdbt-4242.tmp` in a project's root).
 */
export function temporaryPath(path: string, tag = ''): string {
  return `${path}.${tag}${process.pid}.tmp`;
}

/**
 * A work folder of this process beside `path`: `<path>.<tag><pid>-XXXXXX` (mkdtemp's random end keeps two in one
 * process apart). The pid lets a later command tell a killed command's folder from a running one's.
 */
export function temporaryDir(path: string, tag = ''): string {
  return mkdtempSync(`${path}.${tag}${process.pid}-`);
}

export interface StaleTemporaryOptions {
  /** Also the work folders of `path` (named by temporaryDir with the same `tag`), removed with their content. */
  recursive?: boolean;
}

/**
 * Removes the temporary files of `path` (named by temporaryPath with the same `tag`) left by commands that were killed mid-write (`manifest.json.4242.tmp`, up
 * to the manifest's size each), and with `recursive` their work folders too: only those whose process is gone, never
 * this process's own nor another running command's, which is still writing it. Best effort: a file that cannot be
 * listed or removed is left as it was.
 */
export function removeStaleTemporaries(path: string, tag = '', options: StaleTemporaryOptions = {}): void {
  const prefix = `${basename(path)}.${tag}`;
  // `<pid>.tmp` for a file; `<pid>-` and mkdtemp's six characters for a folder.
  const owner = options.recursive ? /^([1-9][0-9]*)(?:\.tmp|-[A-Za-z0-9]{6})$/ : /^([1-9][0-9]*)\.tmp$/;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const digits = owner.exec(name.slice(prefix.length))?.[1];
    if (digits === undefined) continue;
    const pid = Number(digits);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(dirname(path), name), { force: true, recursive: options.recursive === true });
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
