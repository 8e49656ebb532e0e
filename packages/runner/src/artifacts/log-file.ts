import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `logs/dbt.log`: every event as a timestamped line, appended (dbt's file log). One descriptor for the run, sync
 * writes so the lines survive Ctrl-C; a log that cannot be written never fails the run.
 */
export class LogFile {
  private fd: number | undefined;

  constructor(projectDir: string, fileName = 'dbt.log') {
    try {
      const dir = join(projectDir, 'logs');
      mkdirSync(dir, { recursive: true });
      this.fd = openSync(join(dir, fileName), 'a');
    } catch {
      this.fd = undefined;
    }
  }

  write(level: 'info' | 'debug' | 'error' | 'warn', message: string): void {
    if (this.fd === undefined) return;
    const stamp = new Date().toISOString().replace('T', ' ').slice(0, 23);
    try {
      writeSync(this.fd, `${stamp} [${level.padEnd(5)}]: ${message}\n`);
    } catch {
      this.fd = undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
