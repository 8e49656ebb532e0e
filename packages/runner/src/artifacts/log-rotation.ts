import { existsSync, renameSync, rmSync } from 'node:fs';

/** Backups dbt keeps of dbt.log (Python's RotatingFileHandler with backupCount=5): dbt.log.1 … dbt.log.5. */
export const LOG_BACKUPS = 5;

/** Shifts `path.1` … `path.4` up by one (dropping the oldest) and moves `path` to `path.1`, as Python's doRollover. */
export function rotateLogFiles(path: string, backups = LOG_BACKUPS): void {
  for (let i = backups - 1; i >= 1; i--) {
    const from = `${path}.${i}`;
    if (existsSync(from)) renameSync(from, `${path}.${i + 1}`);
  }
  rmSync(`${path}.1`, { force: true });
  if (existsSync(path)) renameSync(path, `${path}.1`);
}
