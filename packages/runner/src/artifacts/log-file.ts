import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { makeDirs } from '@tsdbt/core';
import { rotateLogFiles } from './log-rotation.js';

/** Bytes of log lines held before one write: a 1,000-model run logs ~3,000 lines, one syscall each was measurable. */
const FLUSH_CHARS = 64 * 1024;

/** dbt's log levels, most verbose first; `none` writes no file. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'none';
type LineLevel = 'info' | 'debug' | 'error' | 'warn';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, none: 4 };

/** dbt's defaults: dbt.log under `logs/`, every level, rotated at 10 MB. */
export interface LogFileOptions {
  /** Folder for dbt.log: absolute, or relative to the project (default `logs`). */
  dir?: string;
  level?: LogLevel;
  /** Rotate when a line would take the file to this size; 0 never rotates. */
  maxBytes?: number;
  fileName?: string;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

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
 * `logs/dbt.log`: every event as a timestamped line, appended (dbt's file log), rotated to dbt.log.1 … dbt.log.5 at
 * `maxBytes` as dbt rotates it. Lines are buffered and written in blocks, synchronously: on a full buffer, on
 * `flush()` (the runner calls it on Ctrl-C), on `close()`, and when the process exits, so the lines survive Ctrl-C and
 * a crash. A log that cannot be written never fails the run.
 */
export class LogFile {
  private fd: number | undefined;
  private readonly path: string;
  private readonly minRank: number;
  private readonly maxBytes: number;
  private size = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Timestamps repeat within a millisecond: format each millisecond once. */
  private stampAt = -1;
  private stamp = '';

  constructor(projectDir: string, options: LogFileOptions = {}) {
    const dir = options.dir === undefined ? join(projectDir, 'logs') : isAbsolute(options.dir) ? options.dir : resolve(projectDir, options.dir);
    this.path = join(dir, options.fileName ?? 'dbt.log');
    this.minRank = RANK[options.level ?? 'debug'];
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (this.minRank >= RANK.none) return;
    try {
      makeDirs(dir);
      this.fd = openSync(this.path, 'a');
      this.size = fstatSync(this.fd).size;
      flushOnExit(this);
    } catch {
      this.fd = undefined;
    }
  }

  write(level: LineLevel, message: string): void {
    if (this.fd === undefined || RANK[level] < this.minRank) return;
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

  /** Write what is buffered now, rotating first wherever a line would reach maxBytes (dbt checks each record). */
  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const lines = this.pending;
    const chars = this.pendingChars;
    this.pending = [];
    this.pendingChars = 0;
    try {
      // A UTF-16 unit takes at most 3 bytes in UTF-8: when even that fits, no line can reach the limit.
      if (this.maxBytes <= 0 || this.size + 3 * chars < this.maxBytes) return this.append(lines.join(''));
      let chunk = '';
      let chunkBytes = 0;
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (this.size + chunkBytes > 0 && this.size + chunkBytes + bytes >= this.maxBytes) {
          this.append(chunk);
          this.rotate();
          chunk = '';
          chunkBytes = 0;
        }
        chunk += line;
        chunkBytes += bytes;
      }
      this.append(chunk);
    } catch {
      this.fd = undefined;
    }
  }

  private append(text: string): void {
    if (!text || this.fd === undefined) return;
    writeSync(this.fd, text);
    this.size += Buffer.byteLength(text);
  }

  private rotate(): void {
    closeSync(this.fd!);
    this.fd = undefined;
    rotateLogFiles(this.path);
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }

  close(): void {
    this.flush();
    unclosed.delete(this);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
