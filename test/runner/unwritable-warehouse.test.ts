import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runCliProcess } from './run-tsdbt.js';

// Under /proc, mkdir answers ENOENT although the parent exists: Node 20's recursive mkdir looped there forever.
describe.skipIf(!existsSync('/proc/self'))('a duckdb path: that cannot be created', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'profiles.yml'), 'runner_basic:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: /proc/tsdbt-nope/x.duckdb\n');

  it('reports TSDBT_CONNECTION_FAILED and exits 1 instead of hanging', async () => {
    const r = await runCliProcess(['run', '--project-dir', project.dir, '--profiles-dir', project.dir], 45_000);
    expect(r.killed, r.out).toBe(false);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('TSDBT_CONNECTION_FAILED');
    expect(r.out).toContain('/proc/tsdbt-nope/x.duckdb');
  });
});
