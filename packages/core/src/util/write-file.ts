import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { makeDirs } from './make-dirs.js';
import { removeStaleTemporaries, temporaryPath } from './stale-temp-files.js';

/**
 * Writes a file into target/, making its folder first. The text goes to a temporary file renamed over `path`, so a
 * reader (an orchestrator, `--state`, `retry`) never sees half an artifact, and a killed command leaves the previous
 * one. A folder removed between that and the write (`rm -rf target` from another shell while a command runs) is
 * made again once, as dbt's write_file would: the artifact still lands rather than the command failing on a folder
 * it had already made. A write that still fails is TSDBT_WRITE_FAILED naming the file, never a bare system error.
 * Temporary files of the same artifact left by killed commands are removed once it is written.
 */
export function writeTargetFile(path: string, text: string): void {
  const temporary = temporaryPath(path);
  try {
    makeDirs(dirname(path));
    try {
      writeFileSync(temporary, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      makeDirs(dirname(path));
      writeFileSync(temporary, text);
    }
    renameSync(temporary, path);
  } catch (cause) {
    rmSync(temporary, { force: true });
    const err = cause as NodeJS.ErrnoException;
    throw new TsdbtError('TSDBT_WRITE_FAILED', `Could not write ${path}: ${err.message}`, {
      file: path,
      cause,
      hint: err.code === 'EACCES' || err.code === 'EROFS' || err.code === 'ENOENT' ? 'Check that the target path is writable.' : undefined,
    });
  }
  removeStaleTemporaries(path);
}
