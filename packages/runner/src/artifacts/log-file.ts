import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '@tsdbt/core';

/** Bytes of log lines held before one write: a 1,000-model run logs ~3,000 lines, one syscall each was measurable. */
const FLUSH_CHARS = 64 * 1024;

/** Logs not closed yet, flushed when the process exits (one listener for all, however many runs a process makes). */
const unclosed = new Set<LogFile>();
let exitHooked = false;

function flushOnExit(log: LogFile): void {
  unclosed.add(log);
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const l of unclosed) l.flush();
  });
}

/**
 * `logs/dbt.log`: every event as a timestamped line, appended (dbt's file log). Lines are buffered and written in
 * blocks, synchronously: on a full buffer, on `flush()` (the runner calls it on Ctrl-C), on `close()`, and when the
 * process exits, so the lines survive Ctrl-C and a crash. A log that cannot be written never fails the run.
 */
export class LogFile {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Timestamps repeat within a millisecond: format each millisecond once. */
  private stampAt = -1;
  private stamp = '';

  constructor(projectDir: string, fileName = 'dbt.log') {
    try {
      const dir = join(projectDir, 'logs');
      makeDirs(dir);
      this.fd = openSync(join(dir, fileName), 'a');
      flushOnExit(this);
    } catch {
      this.fd = undefined;
    }
  }

  write(level: 'info' | 'debug' | 'error' | 'warn', message: string): void {
    if (this.fd === undefined) return;
    const now = Date.now();
    if (now !== this.stampAt) {
      this.stampAt = now;
      this.stamp = new Date(now).toISOString().replace('T', ' ').slice(0, 23);
    }
    const line = `${this.stamp} [${level.padEnd(5)}]: ${message}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  /** Write what is buffered now. */
  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    try {
      writeSync(this.fd, text);
    } catch {
      this.fd = undefined;
    }
  }

  close(): void {
    this.flush();
    unclosed.delete(this);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
