import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adapter } from '@tsdbt/adapter-duckdb';
import { runTask } from '@tsdbt/runner';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture } from './run-tsdbt.js';

async function relationsIn(dir: string): Promise<string[]> {
  const conn = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: 'dev.duckdb' }, 'check', { projectDir: dir }));
  try {
    return (await conn.listRelations(undefined, 'main')).map((r) => r.identifier);
  } finally {
    await conn.close();
  }
}

describe('cancelling a run (the abort signal Ctrl-C fires)', () => {
  const project = copyFixture('runner-slow');
  afterAll(() => project.cleanup());

  it('interrupts the running statement, skips what has not started, keeps nothing half-built', async () => {
    const controller = new AbortController();
    const result = await runTask('run', {
      projectDir: project.dir, profilesDir: project.dir, signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'start' && e.node.name === 'slow') setImmediate(() => controller.abort());
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.exitCode).toBe(130);
    const status = Object.fromEntries(result.results.map((r) => [r.uniqueId.split('.').at(-1), r.status]));
    expect(status.slow).toBe('error');
    expect(result.results.find((r) => r.uniqueId.endsWith('.slow'))?.error?.code).toBe('TSDBT_QUERY_CANCELLED');
    expect(status.after_slow).toBe('skipped');
    const names = await relationsIn(project.dir);
    expect(names).not.toContain('slow');
    expect(names).not.toContain('slow__dbt_tmp');
  });
});

const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

describe.skipIf(!existsSync(BIN))('Ctrl-C on the real CLI process (needs the build: npm run build)', () => {
  const project = copyFixture('runner-slow');
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    // A run that ignored the Ctrl-C would otherwise keep its statement burning CPU for the rest of the suite.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    project.cleanup();
  });

  it('cancels the running statement, leaves nothing half-built, and exits 130', async () => {
    const proc = spawn(process.execPath, [BIN, 'run', '--project-dir', project.dir, '--profiles-dir', project.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      proc.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/START sql table model main\.slow/u.test(stdout)) resolve();
      });
      void exit.then(() => resolve());
    });
    proc.kill('SIGINT');
    // Bounded, so a run that ignores the Ctrl-C fails here, saying so, rather than at the test's timeout.
    const code = await Promise.race([exit, new Promise<string>((resolve) => setTimeout(() => resolve('still running 30 s after Ctrl-C'), 30_000))]);
    expect(code, stdout).toBe(130);
    expect(stdout).toContain('Cancelled');
    const names = await relationsIn(project.dir);
    expect(names).not.toContain('slow');
    expect(names).not.toContain('slow__dbt_tmp');
    expect(names).not.toContain('after_slow');
  });
});
