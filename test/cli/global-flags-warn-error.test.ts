import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';

describe('--warn-error and --warn-error-options', () => {
  const project = copyFixture('cli-global-flags');
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('a test that warns passes the command without the flag', async () => {
    const r = await runTsdbt(project.dir, ['test']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('WARN 1 warns_on_answer');
    expect(r.stdout).toContain('WARN=1 ERROR=0');
  });

  it.each([
    [['--warn-error'], {}],
    [['--warn-error-options', '{"error": "all"}'], {}],
    [['--warn-error-options', '{"include": "all"}'], {}],
    [['--warn-error-options', '{"error": ["LogTestResult"]}'], {}],
    [[], { DBT_WARN_ERROR: 'true' }],
    [[], { DBT_WARN_ERROR_OPTIONS: '{"include": ["LogTestResult"]}' }],
  ])('%j %j: the warning test fails the command (exit 1), as dbt reports it', async (args, env) => {
    const r = await withEnv(env, () => runTsdbt(project.dir, ['test', ...args]));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('FAIL 1 warns_on_answer');
    expect(r.stdout).toContain('Got 1 result, configured to fail if != 0');
    expect(r.stdout).toContain('WARN=0 ERROR=1');
  });

  it('warn/exclude and silence keep a warning a warning; the flag wins over $DBT_WARN_ERROR', async () => {
    for (const opts of ['{"error": "all", "warn": ["LogTestResult"]}', '{"include": "all", "exclude": ["LogTestResult"]}', '{"error": "all", "silence": ["LogTestResult"]}']) {
      const r = await runTsdbt(project.dir, ['test', '--warn-error-options', opts]);
      expect(r.exitCode, opts).toBe(0);
    }
    const r = await withEnv({ DBT_WARN_ERROR: 'true' }, () => runTsdbt(project.dir, ['test', '--no-warn-error']));
    expect(r.exitCode).toBe(0);
  });

  it('bad options and both flags at once are usage errors (exit 2)', async () => {
    for (const args of [['--warn-error-options', 'all'], ['--warn-error-options', '{"errors": "all"}'], ['--warn-error', '--warn-error-options', '{"error": "all"}']]) {
      const r = await runTsdbt(project.dir, ['test', ...args]);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('--warn-error');
    }
  });

  it('project warnings (an unknown dbt_project.yml key, no node selected) fail parse, ls and run with exit 2', async () => {
    const noMatch = await runTsdbt(project.dir, ['ls', '--select', 'no_such_model', '--warn-error']);
    expect(noMatch.exitCode).toBe(2);
    expect(noMatch.stderr).toContain('error TSDBT_SELECTOR_NO_MATCH');
    const byEventName = await runTsdbt(project.dir, ['ls', '--select', 'no_such_model', '--warn-error-options', '{"error": ["NoNodesForSelectionCriteria"]}']);
    expect(byEventName.exitCode).toBe(2);
    const otherEvent = await runTsdbt(project.dir, ['ls', '--select', 'no_such_model', '--warn-error-options', '{"error": ["LogTestResult"]}']);
    expect(otherEvent.exitCode).toBe(0);
    const nothing = await runTsdbt(project.dir, ['ls', '--select', 'answers', '--exclude', 'answers', '--warn-error-options', '{"error": ["NoNodesSelected"]}']);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toContain('error TSDBT_NOTHING_SELECTED');
    appendFileSync(join(project.dir, 'dbt_project.yml'), 'no-such-key: 1\n');
    for (const command of ['parse', 'ls', 'run']) {
      const plain = await runTsdbt(project.dir, [command]);
      expect(plain.exitCode, `${command}: ${plain.stderr}`).toBe(0);
      const strict = await runTsdbt(project.dir, [command, '--warn-error']);
      expect(strict.exitCode, command).toBe(2);
      expect(strict.stderr).toContain('error TSDBT_UNKNOWN_CONFIG_KEY');
    }
    const silenced = await runTsdbt(project.dir, ['parse', '--warn-error-options', '{"error": "all", "silence": ["TSDBT_UNKNOWN_CONFIG_KEY"]}']);
    expect(silenced.exitCode).toBe(0);
    expect(silenced.stderr).not.toContain('TSDBT_UNKNOWN_CONFIG_KEY');
  });
});
