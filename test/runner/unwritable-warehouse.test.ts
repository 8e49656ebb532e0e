import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture } from './run-tsdbt.js';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/tsdbt.js', import.meta.url));

/** The built CLI in a process of its own, killed after `ms`: a hang shows as a kill, not as a stuck test worker. */
function runCli(args: string[], ms: number): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === 'SIGKILL', stderr });
    });
  });
}

// Under /proc, mkdir answers ENOENT although the parent exists: Node 20's recursive mkdir looped there forever.
describe.skipIf(!existsSync('/proc/self'))('a duckdb path: that cannot be created', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'profiles.yml'), 'runner_basic:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: /proc/tsdbt-nope/x.duckdb\n');

  it('reports TSDBT_CONNECTION_FAILED and exits 1 instead of hanging', async () => {
    const r = await runCli(['run', '--project-dir', project.dir, '--profiles-dir', project.dir], 45_000);
    expect(r.killed, r.stderr).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('TSDBT_CONNECTION_FAILED');
    expect(r.stderr).toContain('/proc/tsdbt-nope/x.duckdb');
  });
});
