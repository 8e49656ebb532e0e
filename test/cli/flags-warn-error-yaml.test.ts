import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';
import { WARNING_PROJECT, writeProject } from './flags-fixture.js';

describe('--warn-error-options as YAML (as dbt takes it) or JSON', () => {
  const project = writeProject('', WARNING_PROJECT);
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it.each([
    ['{include: all}', 1],
    ['{error: [LogTestResult]}', 1],
    ['{error: all, warn: [LogTestResult]}', 0],
    ['{include: all, exclude: [LogTestResult]}', 0],
    ['{error: all, silence: [LogTestResult]}', 0],
    ['error: all\nwarn:\n  - LogTestResult\n', 0],
    ['{"error": ["LogTestResult"]}', 1],
  ])('test --warn-error-options %j exits %i', async (options, code) => {
    const r = await runTsdbt(project.dir, ['test', '--warn-error-options', options]);
    expect(r.exitCode, r.stderr).toBe(code);
  });

  it("dbt's own example: {include: all, exclude: [NoNodesForSelectionCriteria]} keeps an empty selection a warning", async () => {
    const select = ['ls', '--select', 'answers', 'no_such_model'];
    const kept = await runTsdbt(project.dir, [...select, '--warn-error-options', '{include: all, exclude: [NoNodesForSelectionCriteria]}']);
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(kept.stderr).toContain('warning TSDBT_SELECTOR_NO_MATCH');
    const failed = await runTsdbt(project.dir, [...select, '--warn-error-options', '{include: all}']);
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr).toContain('error TSDBT_SELECTOR_NO_MATCH');
  });

  it('$DBT_WARN_ERROR_OPTIONS takes YAML too, and the flag wins over it', async () => {
    expect((await withEnv({ DBT_WARN_ERROR_OPTIONS: '{error: [LogTestResult]}' }, () => runTsdbt(project.dir, ['test']))).exitCode).toBe(1);
    const flagWins = await withEnv({ DBT_WARN_ERROR_OPTIONS: '{error: [LogTestResult]}' }, () => runTsdbt(project.dir, ['test', '--warn-error-options', '{error: [NoNodesSelected]}']));
    expect(flagWins.exitCode).toBe(0);
  });

  it.each([
    ['{error: [unclosed', "--warn-error-options: '{error: [unclosed' is not valid YAML or JSON"],
    ['[all]', "--warn-error-options: '[all]' is not a mapping such as"],
    ['all', "--warn-error-options: 'all' is not a mapping such as"],
    ['{errors: all}', "--warn-error-options: unknown key 'errors'"],
    ['{error: [1, {a: b}]}', "--warn-error-options: 'error' must be \"all\" or a list of warning names"],
  ])('bad text %j is a usage error naming the flag (exit 2)', async (options, message) => {
    const r = await runTsdbt(project.dir, ['test', '--warn-error-options', options]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('bad YAML in $DBT_WARN_ERROR_OPTIONS names the variable', async () => {
    const r = await withEnv({ DBT_WARN_ERROR_OPTIONS: '{error: [' }, () => runTsdbt(project.dir, ['test']));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("$DBT_WARN_ERROR_OPTIONS: '{error: [' is not valid YAML or JSON");
  });
});
