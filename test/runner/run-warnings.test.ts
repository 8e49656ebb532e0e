import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from './run-tsdbt.js';

// dbt prints project and selection warnings before it runs anything; --warn-error turns them into errors (exit 2).
describe('warnings in run commands', () => {
  const project = copyFixture('runner-basic');
  beforeAll(async () => {
    appendFileSync(join(project.dir, 'dbt_project.yml'), '\nnot-a-dbt-key: 1\n');
    expect((await runTsdbt(project.dir, ['seed'])).exitCode).toBe(0);
  }, 60_000);
  afterAll(() => project.cleanup());

  it('a criterion that matches nothing is a warning naming the nearest model, then "Nothing to do" and exit 0', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_custmers']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("warning TSDBT_SELECTOR_NO_MATCH: The selection criterion 'stg_custmers' does not match any enabled nodes");
    expect(r.stdout).toContain('Did you mean "stg_customers"?');
    expect(r.stdout).toContain('Nothing to do.');
    // dbt prints no summary after it.
    expect(r.stdout).not.toContain('Finished running');
    expect(r.stdout).not.toContain('Done. PASS=');
  });

  it('with nothing to do, --warn-error-options naming NothingToDo exits 2', async () => {
    const r = await runTsdbt(project.dir, ['test', '--select', 'resource_type:seed', '--warn-error-options', '{"error": ["NothingToDo"]}']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toContain('Nothing to do.');
  });

  it('a project warning is printed by run too, and the run goes on', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("dbt_project.yml: warning TSDBT_UNKNOWN_CONFIG_KEY: Unknown key 'not-a-dbt-key'");
    expect(r.stdout).toMatch(/OK created sql view model main\.stg_customers/u);
  });

  it('--warn-error-options can make only the selection warning an error: exit 2 before anything runs', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_custmers', '--warn-error-options', '{"error": ["NoNodesForSelectionCriteria"]}']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(2);
    expect(r.stdout + r.stderr).toContain('TSDBT_SELECTOR_NO_MATCH');
    expect(r.stdout).not.toContain('Nothing to do.');
  });

  it("opens as dbt does: version, adapter, what was found, then the concurrency line before the first node", async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers']);
    const lines = r.stdout.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/u, ''));
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/^Running with tsdbt=\d+\.\d+\.\d+$/u)).toBe(0);
    expect(at(/^Registered adapter: duckdb=\d+\.\d+\.\d+$/u)).toBe(1);
    expect(at(/^Found 5 models, 1 snapshot, 2 seeds, \d+ data tests, 2 sources, 1 unit test, \d+ macros$/u)).toBe(2);
    expect(at(/^Concurrency: 4 threads \(target='dev'\)$/u)).toBeGreaterThan(2);
    expect(at(/^Concurrency/u)).toBeLessThan(at(/START sql view model main\.stg_customers/u));
  });

  it('--quiet drops the warnings with the rest of the non-error output', async () => {
    const r = await runTsdbt(project.dir, ['run', '--select', 'stg_customers', '--quiet']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('TSDBT_UNKNOWN_CONFIG_KEY');
  });
});
