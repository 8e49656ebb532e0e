import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LogFile } from '../src/artifacts/log-file.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-log-'));
  dirs.push(dir);
  return dir;
};
const logText = (dir: string): string => readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('LogFile', () => {
  it('buffers lines and writes them, in order, on flush and on close', () => {
    const dir = tempDir();
    const log = new LogFile(dir);
    log.write('info', 'first');
    log.write('debug', 'second');
    log.flush();
    expect(logText(dir)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[info \]: first\n.* \[debug\]: second\n$/u);
    log.write('warn', 'third');
    log.close();
    expect(logText(dir).split('\n').filter(Boolean).map((l) => l.split(': ').at(-1))).toEqual(['first', 'second', 'third']);
  });

  it('writes a full buffer without waiting for close', () => {
    const dir = tempDir();
    const log = new LogFile(dir);
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 100; i++) log.write('debug', line);
    expect(logText(dir).length).toBeGreaterThan(60_000);
    log.close();
  });

  it('writes what is buffered when the process exits without closing the log', () => {
    const dir = tempDir();
    const module = fileURLToPath(new URL('../dist/artifacts/log-file.js', import.meta.url));
    const script = `import(${JSON.stringify(module)}).then(({ LogFile }) => { new LogFile(${JSON.stringify(dir)}).write('error', 'last words'); process.exit(3); });`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(3);
    expect(logText(dir)).toContain('[error]: last words');
  });
});
