import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';

const ESC = '\u001b[';

describe('--use-colors, --printer-width, --write-json and the compatibility flags', () => {
  const project = copyFixture('cli-global-flags');
  afterAll(() => project.cleanup());

  it('--use-colors forces colour off a terminal, --no-use-colors and $DBT_USE_COLORS=false never colour', async () => {
    const forced = await runTsdbt(project.dir, ['run', '--use-colors']);
    expect(forced.stdout).toContain(`${ESC}32mOK${ESC}0m`);
    expect((await runTsdbt(project.dir, ['run'])).stdout).not.toContain(ESC);
    expect((await runTsdbt(project.dir, ['run', '--no-use-colors'])).stdout).not.toContain(ESC);
    const env = await withEnv({ DBT_USE_COLORS: 'true' }, () => runTsdbt(project.dir, ['run']));
    expect(env.stdout).toContain(ESC);
    const flagWins = await withEnv({ DBT_USE_COLORS: 'true' }, () => runTsdbt(project.dir, ['run', '--no-use-colors', '--no-use-colors-file']));
    expect(flagWins.exitCode).toBe(0);
    expect(flagWins.stdout).not.toContain(ESC);
  });

  it('--printer-width ($DBT_PRINTER_WIDTH) sets where the dots end (default 80)', async () => {
    const startLine = (out: string): string => out.split('\n').find((l) => l.includes('START sql table model'))!.slice(10);
    const width = (out: string): number => startLine(out).indexOf(' [RUN]');
    expect(width((await runTsdbt(project.dir, ['run'])).stdout)).toBe(80);
    expect(width((await runTsdbt(project.dir, ['run', '--printer-width', '100'])).stdout)).toBe(100);
    expect(width((await withEnv({ DBT_PRINTER_WIDTH: '60' }, () => runTsdbt(project.dir, ['run']))).stdout)).toBe(60);
  });

  it('--no-write-json ($DBT_WRITE_JSON=false) writes no manifest.json, run_results.json or sources.json', async () => {
    const fresh = copyFixture('cli-global-flags');
    try {
      const target = join(fresh.dir, 'target');
      const run = await runTsdbt(fresh.dir, ['build', '--no-write-json']);
      expect(run.exitCode).toBe(0);
      expect(existsSync(join(target, 'run_results.json'))).toBe(false);
      expect(existsSync(join(target, 'manifest.json'))).toBe(false);
      const parse = await withEnv({ DBT_WRITE_JSON: 'false' }, () => runTsdbt(fresh.dir, ['parse']));
      expect(parse.exitCode).toBe(0);
      expect(parse.stdout).toMatch(/^Found 1 model/mu);
      expect(existsSync(join(target, 'manifest.json'))).toBe(false);
      expect((await runTsdbt(fresh.dir, ['compile', '--no-write-json'])).exitCode).toBe(0);
      expect(existsSync(join(target, 'compiled', 'global_flags', 'models', 'answers.sql'))).toBe(true);
      expect(existsSync(join(target, 'manifest.json'))).toBe(false);
      await runTsdbt(fresh.dir, ['source', 'freshness', '--no-write-json']);
      expect(existsSync(join(target, 'sources.json'))).toBe(false);
      await runTsdbt(fresh.dir, ['source', 'freshness']);
      expect(existsSync(join(target, 'sources.json'))).toBe(true);
      expect((await runTsdbt(fresh.dir, ['run', '--write-json'])).exitCode).toBe(0);
      expect(existsSync(join(target, 'run_results.json'))).toBe(true);
      expect(existsSync(join(target, 'manifest.json'))).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });

  it('dbt flags that change nothing in tsdbt are accepted, in both spellings and from DBT_* variables', async () => {
    const flags = ['version-check', 'send-anonymous-usage-stats', 'static-parser', 'introspect', 'cache-selected-only', 'populate-cache', 'use-colors-file'];
    for (const f of flags) {
      for (const spelling of [`--${f}`, `--no-${f}`]) {
        const r = await runTsdbt(project.dir, ['ls', spelling]);
        expect(r.exitCode, `${spelling}: ${r.stderr}`).toBe(0);
      }
    }
    const env = await withEnv({ DBT_SEND_ANONYMOUS_USAGE_STATS: 'False', DBT_VERSION_CHECK: '0' }, () => runTsdbt(project.dir, ['ls']));
    expect(env.exitCode).toBe(0);
    const bad = await withEnv({ DBT_STATIC_PARSER: 'sometimes' }, () => runTsdbt(project.dir, ['ls']));
    expect(bad.exitCode).toBe(2);
  });
});
