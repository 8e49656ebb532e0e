import * as fs from 'node:fs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles, type MadeDirs } from '../../packages/core/src/compile/write-files.js';
import { MAKE_DIRS_JS } from '../../packages/core/src/util/make-dirs.js';
import { copyFixture, runTsdbt } from './run-tsdbt.js';
import { tempDir } from '../temp-dirs.js';

const temp = (): string => tempDir('tsdbt-parity-');

// `rm -rf target` from another shell while a compile runs: the writer had made (and remembered) its folders.
describe('compiled-file writes when target/ is removed mid-command', () => {
  it('a folder removed after the writer made it is made again, and every file lands', () => {
    const target = join(temp(), 'target');
    const madeDirs: MadeDirs = new Map();
    const a = join(target, 'compiled', 'pkg', 'models', 'a.sql');
    expect(writeFiles([[a, 'select 1']], madeDirs)).toBe(1);
    rmSync(target, { recursive: true });
    const b = join(target, 'compiled', 'pkg', 'models', 'b.sql');
    const c = join(target, 'compiled', 'pkg', 'other', 'c.sql');
    expect(writeFiles([[b, 'select 2'], [a, 'select 1'], [c, 'select 3']], madeDirs)).toBe(3);
    expect([a, b, c].map((p) => readFileSync(p, 'utf8'))).toEqual(['select 1', 'select 2', 'select 3']);
  });

  it('mkdir -p starts again once when a parent vanishes between its stat and its mkdir', () => {
    const root = temp();
    const parent = join(root, 'target');
    fs.mkdirSync(parent);
    let removed = false;
    // The real fs, with the parent removed just before the first mkdir under it.
    const racing = {
      ...fs,
      mkdirSync: (p: fs.PathLike) => {
        if (!removed) {
          removed = true;
          rmSync(parent, { recursive: true });
        }
        return fs.mkdirSync(p);
      },
    };
    const makeDirs = new Function(`return ${MAKE_DIRS_JS}`)() as (f: typeof fs, d: typeof dirname, dir: string) => string | undefined;
    const leaf = join(parent, 'compiled', 'pkg');
    expect(makeDirs(racing as typeof fs, dirname, leaf)).toBe(parent);
    expect(fs.statSync(leaf).isDirectory()).toBe(true);
  });
});

describe('artifact writes that fail are coded errors, not TSDBT_INTERNAL', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('parse with a target path that is a file: TSDBT_WRITE_FAILED naming manifest.json, no stack trace', async () => {
    const file = join(project.dir, 'not-a-folder');
    writeFileSync(file, '');
    const r = await runTsdbt(project.dir, ['parse', '--target-path', file]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('TSDBT_WRITE_FAILED');
    expect(r.stderr).toContain(join(file, 'manifest.json'));
    expect(r.stderr).not.toContain('TSDBT_INTERNAL');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });
});
