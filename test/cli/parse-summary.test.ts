import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');

function parse(dir: string) {
  const r = spawnSync(process.execPath, [bin, 'parse', '--project-dir', dir], { encoding: 'utf8', cwd: root });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n')[0];
}

describe.skipIf(!existsSync(bin))('parse: the "Found …" line of a reused parse', () => {
  it('is the same when nothing changed and follows a change', () => {
    const dir = join(tempDir('tsdbt-summary-'), 'core_basic');
    cpSync(join(root, 'test/fixtures/projects/core_basic'), dir, { recursive: true });
    const first = parse(dir);
    expect(first).toMatch(/^Found 3 models, 2 seeds, 6 data tests, \d+ macros$/);
    expect(parse(dir)).toBe(first);
    expect(existsSync(join(dir, 'target', 'tsdbt_parse_summary.json'))).toBe(true);
    writeFileSync(join(dir, 'models', 'extra.sql'), 'select 1 as id\n');
    expect(parse(dir)).toMatch(/^Found 4 models, 2 seeds, 6 data tests, \d+ macros$/);
    expect(parse(dir)).toMatch(/^Found 4 models,/);
  });
});
