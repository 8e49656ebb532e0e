import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { makeDirs } from './make-dirs.js';
import { removeStaleTemporaries, temporaryPath } from './stale-temp-files.js';

/** Text gathered before each write: large enough for few system calls, small enough to stay out of the old space. */
const CHUNK = 256 * 1024;

/**
 * Writes JSON.stringify(value) (byte for byte) to path without building the whole string: the members of the
 * objects named in `split` (the manifest's `nodes`) are stringified one by one and written in chunks. The parts
 * of one 70 MB string all live until it is written, so the garbage collector copies them; strings of one member
 * die young (a cold compile of 10,000 models measured ~0.25 s less CPU, ~0.1 s less wall). The text goes to a
 * temporary file renamed over `path` at the end, so a reader never sees half a file and a failure leaves the
 * previous one; temporary files of `path` left by killed commands are removed once it is written. Errors are
 * TSDBT_WRITE_FAILED, as writeTargetFile's.
 */
export function writeJsonStreamed(path: string, value: Record<string, unknown>, split: ReadonlySet<string>): void {
  const temporary = temporaryPath(path);
  let fd: number | undefined;
  let written = false;
  try {
    makeDirs(dirname(path));
    try {
      fd = openSync(temporary, 'w');
    } catch (e) {
      // The folder went away after it was made (see writeTargetFile): make it again, once.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      makeDirs(dirname(path));
      fd = openSync(temporary, 'w');
    }
    const out = fd;
    let pending = '';
    // One buffer for every chunk: a fresh 256 KB Buffer per write costs more in allocation than its encoding.
    const scratch = Buffer.allocUnsafeSlow(4 * CHUNK);
    const flush = () => {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a longer text (one huge node) gets a buffer of its own.
      const bytes = pending.length * 3 <= scratch.length ? scratch.subarray(0, scratch.write(pending, 'utf8')) : Buffer.from(pending, 'utf8');
      // A write may take fewer bytes than given (as writeFileSync's loop allows for).
      for (let at = 0; at < bytes.length; ) at += writeSync(out, bytes, at);
      pending = '';
    };
    const put = (text: string) => {
      pending += text;
      if (pending.length >= CHUNK) flush();
    };
    put('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const member = value[key];
      const inner = split.has(key) && isPlainObject(member) ? member : undefined;
      if (inner) {
        put(`${first ? '' : ','}${JSON.stringify(key)}:{`);
        first = false;
        let firstInner = true;
        for (const k of Object.keys(inner)) {
          const json = JSON.stringify(inner[k]);
          if (json === undefined) continue; // undefined and functions are left out, as JSON.stringify leaves them
          put(`${firstInner ? '' : ','}${JSON.stringify(k)}:${json}`);
          firstInner = false;
        }
        put('}');
        continue;
      }
      const json = JSON.stringify(member);
      if (json === undefined) continue;
      put(`${first ? '' : ','}${JSON.stringify(key)}:${json}`);
      first = false;
    }
    put('}');
    flush();
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
    written = true;
  } catch (cause) {
    const err = cause as NodeJS.ErrnoException;
    // Not a file-system error (a value JSON cannot hold): thrown as JSON.stringify throws it.
    if (typeof err?.code !== 'string') throw cause;
    throw new TsdbtError('TSDBT_WRITE_FAILED', `Could not write ${path}: ${err.message}`, {
      file: path,
      cause,
      hint: err.code === 'EACCES' || err.code === 'EROFS' || err.code === 'ENOENT' ? 'Check that the target path is writable.' : undefined,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (!written) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // The error above is the one to report.
      }
    }
  }
  removeStaleTemporaries(path);
}

/** An object JSON.stringify writes member by member (no toJSON of its own, not an array). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
