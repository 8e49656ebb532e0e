import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';

describe('--profile ($DBT_PROFILE)', () => {
  const project = copyFixture('cli-global-flags');
  afterAll(() => project.cleanup());

  it("uses the named profile instead of dbt_project.yml's, the flag winning over the variable", async () => {
    const byFlag = await runTsdbt(project.dir, ['run', '--profile', 'flags_other']);
    expect(byFlag.exitCode, byFlag.stderr).toBe(0);
    expect(byFlag.stdout).toContain('created sql table model other.answers');
    const byEnv = await withEnv({ DBT_PROFILE: 'flags_other' }, () => runTsdbt(project.dir, ['run']));
    expect(byEnv.stdout).toContain('created sql table model other.answers');
    const both = await withEnv({ DBT_PROFILE: 'no_such_profile' }, () => runTsdbt(project.dir, ['run', '--profile', 'flags_main']));
    expect(both.exitCode, both.stderr).toBe(0);
    expect(both.stdout).toContain('created sql table model main.answers');
    const debug = await runTsdbt(project.dir, ['debug', '--profile', 'flags_other']);
    expect(debug.exitCode, debug.stdout).toBe(0);
    expect(debug.stdout).toContain("flags_other, target 'dev'");
  });

  it('an unknown profile is the unknown-profile error naming the flag or variable, exit 2', async () => {
    const r = await runTsdbt(project.dir, ['ls', '--profile', 'flags_othr']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('TSDBT_PROFILE_NOT_FOUND');
    expect(r.stderr).toContain("Profile 'flags_othr' (from --profile)");
    expect(r.stderr).toContain("Did you mean 'flags_other'?");
    const env = await withEnv({ DBT_PROFILE: 'nope' }, () => runTsdbt(project.dir, ['parse']));
    expect(env.exitCode).toBe(2);
    expect(env.stderr).toContain("Profile 'nope' (from $DBT_PROFILE)");
  });
});

describe('--log-path, --log-level, --log-level-file, --log-file-max-bytes', () => {
  const project = copyFixture('cli-global-flags');
  afterAll(() => project.cleanup());
  const log = (dir: string): string => readFileSync(join(dir, 'dbt.log'), 'utf8');

  it('--log-path and $DBT_LOG_PATH move dbt.log; dbt_project.yml log-path too; default logs/', async () => {
    const flagDir = join(project.dir, 'flag-logs');
    expect((await runTsdbt(project.dir, ['run', '--log-path', flagDir])).exitCode).toBe(0);
    expect(log(flagDir)).toContain('command=run');
    expect(existsSync(join(project.dir, 'logs', 'dbt.log'))).toBe(false);
    const envDir = join(project.dir, 'env-logs');
    await withEnv({ DBT_LOG_PATH: envDir }, () => runTsdbt(project.dir, ['run']));
    expect(log(envDir)).toContain('command=run');
    expect((await runTsdbt(project.dir, ['run'])).exitCode).toBe(0);
    expect(log(join(project.dir, 'logs'))).toContain('command=run');
    appendFileSync(join(project.dir, 'dbt_project.yml'), 'log-path: project-logs\n');
    try {
      await runTsdbt(project.dir, ['run']);
      expect(log(join(project.dir, 'project-logs'))).toContain('command=run');
    } finally {
      writeFileSync(join(project.dir, 'dbt_project.yml'), readFileSync(join(project.dir, 'dbt_project.yml'), 'utf8').replace('log-path: project-logs\n', ''));
    }
  });

  it('--log-level-file sets what dbt.log keeps (default debug; none writes no file)', async () => {
    const full = join(project.dir, 'full');
    await runTsdbt(project.dir, ['run', '--log-path', full]);
    expect(log(full)).toMatch(/\[debug\]: On model\.global_flags\.answers:/u);
    const info = join(project.dir, 'info');
    await runTsdbt(project.dir, ['run', '--log-path', info, '--log-level-file', 'info']);
    expect(log(info)).not.toContain('[debug]');
    expect(log(info)).toContain('[info ]');
    const none = join(project.dir, 'none');
    await withEnv({ DBT_LOG_LEVEL_FILE: 'none' }, () => runTsdbt(project.dir, ['run', '--log-path', none]));
    expect(existsSync(join(none, 'dbt.log'))).toBe(false);
  });

  it('--log-level sets what the console prints; --debug keeps meaning debug', async () => {
    const info = await runTsdbt(project.dir, ['build']);
    expect(info.stdout).toContain('START sql table model');
    const warn = await runTsdbt(project.dir, ['build', '--log-level', 'warn']);
    expect(warn.exitCode).toBe(0);
    expect(warn.stdout).not.toContain('START');
    expect(warn.stdout).toContain('WARN 1 warns_on_answer');
    const none = await withEnv({ DBT_LOG_LEVEL: 'none' }, () => runTsdbt(project.dir, ['build']));
    expect(none.stdout).toBe('');
    const flagWins = await withEnv({ DBT_LOG_LEVEL: 'none' }, () => runTsdbt(project.dir, ['build', '--log-level', 'info']));
    expect(flagWins.stdout).toContain('START');
    const debug = await runTsdbt(project.dir, ['compile', '--debug', '--inline', "{{ log('from debug', info=False) }}select 1"]);
    expect(debug.stdout).toContain('from debug');
    const quietDebug = await runTsdbt(project.dir, ['compile', '--inline', "{{ log('from debug', info=False) }}select 1"]);
    expect(quietDebug.stdout).not.toContain('from debug');
  });

  it('dbt.log rotates at --log-file-max-bytes to dbt.log.1 … dbt.log.5; 0 never rotates', async () => {
    const dir = join(project.dir, 'rotating');
    for (let i = 0; i < 4; i++) expect((await runTsdbt(project.dir, ['build', '--log-path', dir, '--log-file-max-bytes', '600'])).exitCode).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['dbt.log', 'dbt.log.1', 'dbt.log.2', 'dbt.log.3', 'dbt.log.4', 'dbt.log.5']);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      // A file passes the limit only when a single line is longer than it.
      if (statSync(join(dir, f)).size > 600) expect(text.trimEnd().split('\n')).toHaveLength(1);
    }
    const flat = join(project.dir, 'flat');
    for (let i = 0; i < 2; i++) await withEnv({ DBT_LOG_FILE_MAX_BYTES: '0' }, () => runTsdbt(project.dir, ['build', '--log-path', flat]));
    expect(readdirSync(flat)).toEqual(['dbt.log']);
    expect(log(flat).match(/command=build/gu)).toHaveLength(2);
  });

  it('a bad value is a usage error (exit 2)', async () => {
    expect((await runTsdbt(project.dir, ['run', '--log-file-max-bytes', '-1'])).exitCode).toBe(2);
    const r = await withEnv({ DBT_LOG_LEVEL: 'loud' }, () => runTsdbt(project.dir, ['run']));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("$DBT_LOG_LEVEL: 'loud'");
  });
});
