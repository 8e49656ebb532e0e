import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

const tsdbtVersion = (JSON.parse(readFileSync(new URL('../../packages/cli/package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe("a run's opening lines name the adapter with its version, as dbt's `Registered adapter: duckdb=1.8.1`", () => {
  const project = copyFixture('runner-basic');
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  }, 60_000);
  afterAll(() => project.cleanup());

  it('text: duckdb=<the tsdbt version the adapter ships in>', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/u, ''));
    expect(lines).toContain(`Registered adapter: duckdb=${tsdbtVersion}`);
  });

  it('--log-format json: the same message, and the name and version as data', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers', '--log-format', 'json']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { info: { name: string; msg: string }; data: Record<string, unknown> });
    const registered = events.filter((e) => e.info.name === 'AdapterRegistered');
    expect(registered).toHaveLength(1);
    expect(registered[0]!.info.msg).toBe(`Registered adapter: duckdb=${tsdbtVersion}`);
    expect(registered[0]!.data).toEqual({ adapter_name: 'duckdb', adapter_version: `=${tsdbtVersion}` });
  });

  it("--log-format json: every line carries the run's invocation_id, the one run_results.json records", async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers', '--log-format', 'json']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const ids = new Set(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { info: { invocation_id: unknown } }).info.invocation_id));
    const recorded = (JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')) as { metadata: { invocation_id: string } }).metadata.invocation_id;
    expect(recorded).toMatch(/^[0-9a-f-]{36}$/u);
    expect([...ids]).toEqual([recorded]);
  });
});
