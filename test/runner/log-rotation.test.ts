import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../packages/runner/src/artifacts/log-file.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-rotate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The line numbers a log file holds (lines are written as `line <n>`). */
const numbers = (path: string): number[] => [...readFileSync(path, 'utf8').matchAll(/line (\d+)/gu)].map((m) => Number(m[1]));

describe('dbt.log rotation (dbt: RotatingFileHandler, 5 backups)', () => {
  it('rotates before a line would reach maxBytes, newest first in dbt.log.1, and drops what is older than dbt.log.5', () => {
    const dir = tempDir();
    const log = new LogFile(dir, { dir: 'out', maxBytes: 200 });
    for (let i = 1; i <= 60; i++) log.write('info', `line ${i}`);
    log.close();
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['dbt.log', 'dbt.log.1', 'dbt.log.2', 'dbt.log.3', 'dbt.log.4', 'dbt.log.5']);
    const files = ['dbt.log.5', 'dbt.log.4', 'dbt.log.3', 'dbt.log.2', 'dbt.log.1', 'dbt.log'].map((f) => join(out, f));
    for (const f of files) expect(statSync(f).size).toBeLessThan(200);
    // Oldest to newest, the files hold consecutive lines ending with the last one written.
    const all = files.flatMap(numbers);
    expect(all.at(-1)).toBe(60);
    expect(all).toEqual(all.map((_, i) => all[0]! + i));
    expect(all[0]).toBeGreaterThan(1);
  });

  it('maxBytes 0 never rotates; level filters lines; none opens no file', () => {
    const dir = tempDir();
    const flat = new LogFile(dir, { maxBytes: 0, level: 'warn' });
    for (let i = 1; i <= 60; i++) flat.write(i % 2 ? 'info' : 'warn', `line ${i}`);
    flat.close();
    expect(readdirSync(join(dir, 'logs'))).toEqual(['dbt.log']);
    expect(numbers(join(dir, 'logs', 'dbt.log'))).toEqual(Array.from({ length: 30 }, (_, i) => 2 * (i + 1)));
    const none = new LogFile(dir, { dir: 'quiet', level: 'none' });
    none.write('error', 'line 1');
    none.close();
    expect(readdirSync(dir)).not.toContain('quiet');
  });
});
