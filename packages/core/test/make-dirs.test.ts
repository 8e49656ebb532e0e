import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs } from '../src/util/make-dirs.js';

describe('makeDirs (mkdir -p without Node 20 recursive mkdir)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-make-dirs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates every missing folder and returns the first one it created', () => {
    expect(makeDirs(join(dir, 'a', 'b', 'c'))).toBe(join(dir, 'a'));
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
  });

  it('returns undefined when the folder is already there', () => {
    expect(makeDirs(join(dir, 'a', 'b'))).toBeUndefined();
  });

  it('throws the system error when a parent is a file', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => makeDirs(join(dir, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(existsSync(join(dir, 'file', 'sub'))).toBe(false);
  });

  // Node 20's `mkdirSync(p, { recursive: true })` never returns here: mkdir answers ENOENT although /proc exists.
  it.skipIf(!existsSync('/proc/self'))('throws ENOENT under /proc instead of looping', () => {
    expect(() => makeDirs('/proc/tsdbt-no-such/x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
