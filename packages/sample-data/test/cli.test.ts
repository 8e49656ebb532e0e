import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const BIN = resolve(import.meta.dirname, '../bin/tsdbt-sample.js');
const built = existsSync(resolve(import.meta.dirname, '../dist/bin.js'));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe.skipIf(!built)('tsdbt-sample CLI (needs `tsc -b`)', () => {
  it('writes a file and prints the row counts', () => {
    const out = join(tempDir(), 'cli.duckdb');
    const r = run('--out', out, '--scale', '0.01', '--seed', '9');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Sales\.SalesOrderHeader\s+\d+/);
    expect(existsSync(out)).toBe(true);
  });

  it.each([
    [['--out', 'x.duckdb', '--scale', '500'], /--scale must be between 0.01 and 100/],
    [['--out', 'x.duckdb', '--scale', 'big'], /--scale must be a number/],
    [['--scale', '1'], /give a target/],
    [['--out', 'x.duckdb', '--bogus'], /Unknown option '--bogus'/],
    [['--out', 'x.duckdb', '--advance', '0'], /--advance must be a whole number/],
  ])('rejects %j with exit 2 and no stack trace', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error SAMPLE_BAD_OPTION/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
