import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapter } from '@tsdbt/adapter-duckdb';
import { main } from '../../packages/cli/src/main.js';
import { tempDir } from '../temp-dirs.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

/** A fresh copy of a fixture project in a temp folder (runs write target/, logs/ and the DuckDB file there). */
export function copyFixture(name: string): { dir: string; cleanup: () => void } {
  // Removed after the file's tests too, for the callers that never call cleanup.
  const dir = tempDir(`tsdbt-${name}-`);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the real CLI entry in process on a project folder; captures what it prints. */
export async function runTsdbt(dir: string, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const exitCode = await main([...args, '--project-dir', dir, '--profiles-dir', dir]);
    return { exitCode, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

/** Rows of `sql` against a fixture project's warehouse (its profile's `dev.duckdb`), on a connection of its own. */
export async function queryWarehouse(dir: string, sql: string): Promise<unknown[][]> {
  const conn = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: 'dev.duckdb' }, 'check', { projectDir: dir }));
  try {
    return (await conn.execute(sql)).rows;
  } finally {
    await conn.close();
  }
}

const BIN = fileURLToPath(new URL('../../packages/cli/bin/tsdbt.js', import.meta.url));

/** The built CLI in a process of its own, killed after `ms`: a hang shows as a kill, not as a stuck test worker. */
export function runCliProcess(args: string[], ms: number): Promise<{ code: number | null; killed: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === 'SIGKILL', out });
    });
  });
}
