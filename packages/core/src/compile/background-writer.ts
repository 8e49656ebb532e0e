import { Worker } from 'node:worker_threads';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import { WRITE_FILES_JS, writeFiles, type FileToWrite, type MadeDirs } from './write-files.js';

/** Below this many files a worker's start-up (tens of ms) costs more than writing them here. */
export const WORKER_MIN_FILES = 1000;
const BATCH = 256;

const WORKER_JS = `
const fs = require('node:fs');
const { dirname } = require('node:path');
const { parentPort } = require('node:worker_threads');
const writeFiles = ${WRITE_FILES_JS};
const madeDirs = new Map();
let written = 0;
let failed;
parentPort.on('message', (m) => {
  if (m.files && !failed) {
    try { written += writeFiles(fs, dirname, m.files, madeDirs); }
    catch (e) { failed = { message: String(e && e.message || e), code: e && e.code, path: e && e.path }; }
  }
  if (m.done) parentPort.postMessage({ written, failed });
});`;

interface WorkerReply {
  written: number;
  failed?: { message: string; code?: string; path?: string };
}

/**
 * Writes compiled files while the caller keeps rendering: thousands of small files cost mostly kernel time
 * (create, journal), which a worker thread spends on the other core. Small batches go in-thread.
 */
export class BackgroundWriter {
  private readonly worker?: Worker;
  private readonly reply?: Promise<WorkerReply>;
  private pending: FileToWrite[] = [];
  private readonly madeDirs: MadeDirs = new Map();

  constructor(expectedFiles: number, minForWorker = WORKER_MIN_FILES) {
    if (expectedFiles < minForWorker) return;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_JS, { eval: true });
    } catch {
      return; // no worker to be had (a resource limit, say): write on this thread
    }
    this.worker = worker;
    this.reply = new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the file-writing worker exited with code ${code}`)));
    });
    // Settled in finish(); a rejection seen first there must not count as unhandled meanwhile.
    this.reply.catch(() => {});
  }

  add(path: string, text: string): void {
    this.pending.push([path, text]);
    if (this.worker && this.pending.length >= BATCH) this.post();
  }

  /** Resolves with the number of files written once every file is on disk. */
  async finish(): Promise<number> {
    if (!this.worker) return this.writeHere();
    this.post();
    this.worker.postMessage({ done: true });
    try {
      let r: WorkerReply;
      try {
        r = await this.reply!;
      } catch (e) {
        throw writeError((e as Error).message, undefined, undefined, e);
      }
      if (r.failed) throw writeError(r.failed.message, r.failed.path, r.failed.code);
      return r.written;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops without writing what is still queued (the compile failed before finishing). */
  async abort(): Promise<void> {
    this.pending = [];
    await this.worker?.terminate();
  }

  private post(): void {
    if (this.pending.length === 0) return;
    this.worker!.postMessage({ files: this.pending });
    this.pending = [];
  }

  private writeHere(): number {
    const files = this.pending;
    this.pending = [];
    try {
      return writeFiles(files, this.madeDirs);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw writeError(err.message, err.path, err.code, e);
    }
  }
}

function writeError(message: string, path: string | undefined, code: string | undefined, cause?: unknown): TsdbtError {
  return new TsdbtError('TSDBT_WRITE_FAILED', `Could not write the compiled files: ${message}`, {
    file: path,
    cause,
    hint: code === 'EACCES' || code === 'EROFS' ? 'Check that the target path is writable.' : undefined,
  });
}
