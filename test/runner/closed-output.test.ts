import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture } from './run-tsdbt.js';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/tsdbt.js', import.meta.url));

describe('`tsdbt build | head`: the reader of stdout goes away mid-build', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('drops the console output and finishes the build (no EPIPE crash, exit 0, every node in run_results.json)', async () => {
    const child = spawn(process.execPath, [BIN, 'build', '--project-dir', project.dir, '--profiles-dir', project.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    // What `head -1` does: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(timer);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).results as { status: string }[];
    expect(results.length).toBeGreaterThan(1);
    expect(results.every((r) => r.status === 'success' || r.status === 'pass')).toBe(true);
  });
});
