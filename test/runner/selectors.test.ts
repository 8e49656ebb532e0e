import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

/** selectors.yml drives the runner's commands as it drives `tsdbt ls`: `--selector` and a `default: true` selector. */
describe('selectors.yml with run and build', () => {
  const project = copyFixture('runner-basic');
  const ranModels = (): string[] =>
    (JSON.parse(readFileSync(join(project.dir, 'target', 'run_results.json'), 'utf8')).results as { unique_id: string }[])
      .map((r) => r.unique_id)
      .sort();
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('--selector picks the nodes its definition names', async () => {
    writeFileSync(join(project.dir, 'selectors.yml'),
      'selectors:\n  - name: staging_only\n    definition:\n      method: path\n      value: models/staging\n');
    const r = await runTsdbt(project.dir, ['run', '--selector', 'staging_only']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    // order_statuses, also in staging, is ephemeral: inlined, never run on its own (as in dbt).
    expect(ranModels()).toEqual(['model.runner_basic.stg_customers', 'model.runner_basic.stg_orders']);
  });

  it('a default selector applies when no --select is given, and --select overrides it', async () => {
    writeFileSync(join(project.dir, 'selectors.yml'),
      'selectors:\n  - name: customers_only\n    default: true\n    definition:\n      method: fqn\n      value: stg_customers\n');
    let r = await runTsdbt(project.dir, ['run']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(ranModels()).toEqual(['model.runner_basic.stg_customers']);
    r = await runTsdbt(project.dir, ['run', '--select', 'stg_orders']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(ranModels()).toEqual(['model.runner_basic.stg_orders']);
  });

  it('an unknown selector name is a coded error with a suggestion', async () => {
    const r = await runTsdbt(project.dir, ['run', '--selector', 'customer_only']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/customers_only/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
