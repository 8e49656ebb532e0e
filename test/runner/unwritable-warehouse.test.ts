import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runCliProcess } from './run-tsdbt.js';

// Under /proc, mkdir answers ENOENT although the parent exists: Node 20's recursive mkdir looped there forever.
describe.skipIf(!existsSync('/proc/self'))('a duckdb path: that cannot be created', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'profiles.yml'), 'runner_basic:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: /proc/tsdbt-nope/x.duckdb\n');

  // dbt connects before the first node: a warehouse it cannot reach stops the task with exit 2, not one error per node.
  it('reports TSDBT_CONNECTION_FAILED once and exits 2 instead of hanging', async () => {
    const r = await runCliProcess(['run', '--project-dir', project.dir, '--profiles-dir', project.dir], 45_000);
    expect(r.killed, r.out).toBe(false);
    expect(r.code, r.out).toBe(2);
    expect(r.out.match(/TSDBT_CONNECTION_FAILED/g), r.out).toHaveLength(1);
    expect(r.out).toContain('/proc/tsdbt-nope/x.duckdb');
    expect(r.out).not.toMatch(/ START /);
    expect(r.out).not.toMatch(/at .*\.js:\d+/);
  });
});
