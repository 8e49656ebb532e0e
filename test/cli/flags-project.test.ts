import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';
import { WARNING_PROJECT, writeProject } from './flags-fixture.js';

const ESC = '\u001b[';
const width = (out: string): number => out.split('\n').find((l) => l.includes('START sql table model'))!.slice(10).indexOf(' [RUN]');
// eslint-disable-next-line no-control-regex
const plain = (out: string): string => out.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');

describe("dbt_project.yml's flags: (flag > DBT_* variable > project > default)", () => {
  const project = writeProject(
    [
      'flags:',
      '  printer_width: 100',
      '  use_colors: true',
      '  warn_error: true',
      // Flags tsdbt has no use for, behaviour-change flags and flags dbt does not know: accepted.
      '  send_anonymous_usage_stats: false',
      '  require_explicit_package_overrides_for_builtin_materializations: false',
      '  source_freshness_run_project_hooks: true',
      '  some_future_behaviour_flag: {anything: [1, 2]}',
      '  toString: 1',
      '',
    ].join('\n'),
    WARNING_PROJECT,
  );
  afterAll(() => project.cleanup());

  it('applies printer_width and use_colors; a DBT_* variable and a flag each win over them', async () => {
    const run = await runTsdbt(project.dir, ['run']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${ESC}32mOK${ESC}0m`);
    expect(width(plain(run.stdout))).toBe(100);
    const envColors = await withEnv({ DBT_USE_COLORS: 'false' }, () => runTsdbt(project.dir, ['run']));
    expect(envColors.stdout).not.toContain(ESC);
    expect(width(envColors.stdout)).toBe(100);
    const env = await withEnv({ DBT_PRINTER_WIDTH: '60' }, () => runTsdbt(project.dir, ['run', '--no-use-colors']));
    expect(env.stdout).not.toContain(ESC);
    expect(width(env.stdout)).toBe(60);
    const flag = await withEnv({ DBT_PRINTER_WIDTH: '60' }, () => runTsdbt(project.dir, ['run', '--printer-width', '90', '--no-use-colors']));
    expect(width(flag.stdout)).toBe(90);
  });

  it('applies warn_error: the warning test fails the command; --no-warn-error and $DBT_WARN_ERROR=false turn it off', async () => {
    const strict = await runTsdbt(project.dir, ['test']);
    expect(strict.exitCode).toBe(1);
    expect(plain(strict.stdout)).toContain('FAIL 1 warns_on_answer');
    expect((await runTsdbt(project.dir, ['test', '--no-warn-error'])).exitCode).toBe(0);
    expect((await withEnv({ DBT_WARN_ERROR: 'false' }, () => runTsdbt(project.dir, ['test']))).exitCode).toBe(0);
    // --warn-error-options on the command line replaces the project's warn_error (no "both at once" error).
    const options = await runTsdbt(project.dir, ['test', '--warn-error-options', '{error: [NoNodesSelected]}']);
    expect(options.exitCode, options.stderr).toBe(0);
  });
});

describe("dbt_project.yml's flags: warn_error_options, log_format, partial_parse, fail_fast, write_json", () => {
  const projects: { cleanup: () => void }[] = [];
  const make = (extra: string, files: Record<string, string> = WARNING_PROJECT) => {
    const p = writeProject(extra, files);
    projects.push(p);
    return p;
  };
  afterAll(() => projects.forEach((p) => p.cleanup()));

  it('warn_error_options (error/warn, or include/exclude) decides which warnings fail the command', async () => {
    // build: the model, then its test, which warns.
    const errors = make('flags:\n  warn_error_options:\n    error: [LogTestResult]\n');
    const failed = await runTsdbt(errors.dir, ['build']);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('FAIL 1 warns_on_answer');
    const kept = make('flags:\n  warn_error_options: {include: all, exclude: [LogTestResult]}\n');
    const warned = await runTsdbt(kept.dir, ['build']);
    expect(warned.exitCode, warned.stdout).toBe(0);
    expect(warned.stdout).toContain('WARN 1 warns_on_answer');
    const other = make('flags:\n  warn_error_options:\n    error: all\n    warn: [LogTestResult]\n');
    expect((await runTsdbt(other.dir, ['build'])).exitCode).toBe(0);
    expect((await runTsdbt(other.dir, ['ls', '--select', 'no_such_model'])).exitCode).toBe(2);
  });

  it('log_format: json prints JSON lines; --log-format text and $DBT_LOG_FORMAT override it', async () => {
    const p = make('flags:\n  log_format: json\n');
    const json = await runTsdbt(p.dir, ['run']);
    expect(json.exitCode, json.stderr).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { info?: { name: string } });
    expect(lines.some((l) => l.info?.name === 'NodeFinished')).toBe(true);
    expect((await runTsdbt(p.dir, ['run', '--log-format', 'text'])).stdout).toContain('Completed successfully');
    expect((await withEnv({ DBT_LOG_FORMAT: 'text' }, () => runTsdbt(p.dir, ['run']))).stdout).toContain('Completed successfully');
  });

  it('log_level: warn quiets the info lines; --log-level info and $DBT_LOG_LEVEL bring them back', async () => {
    const p = make('flags:\n  log_level: warn\n');
    const quiet = await runTsdbt(p.dir, ['run']);
    expect(quiet.exitCode, quiet.stderr).toBe(0);
    expect(quiet.stdout).not.toContain('Completed successfully');
    expect((await runTsdbt(p.dir, ['run', '--log-level', 'info'])).stdout).toContain('Completed successfully');
    expect((await withEnv({ DBT_LOG_LEVEL: 'info' }, () => runTsdbt(p.dir, ['run']))).stdout).toContain('Completed successfully');
  });

  it('partial_parse: false parses afresh each time; --partial-parse and $DBT_PARTIAL_PARSE=true reuse the parse', async () => {
    const p = make('flags:\n  partial_parse: false\n');
    const stamp = (): string => readFileSync(join(p.dir, 'target', 'manifest.json'), 'utf8').match(/"invocation_id":"[^"]+"/)![0];
    const mtime = async (args: string[], env: Record<string, string | undefined> = {}): Promise<string> => {
      const r = await withEnv(env, () => runTsdbt(p.dir, ['parse', ...args]));
      expect(r.exitCode, r.stderr).toBe(0);
      return stamp();
    };
    // A reused parse with nothing changed leaves manifest.json as it was; a fresh parse writes a new invocation.
    const first = await mtime([]);
    const second = await mtime([]);
    expect(second).not.toBe(first);
    const reused = await mtime(['--partial-parse']);
    expect(await mtime(['--partial-parse'])).toBe(reused);
    expect(await mtime([], { DBT_PARTIAL_PARSE: 'true' })).toBe(reused);
  });

  it('fail_fast: true stops at the first failure; --no-fail-fast runs the rest', async () => {
    const files = {
      'models/a_broken.sql': 'select * from no_such_table\n',
      'models/b_fine.sql': 'select 1 as id\n',
      'models/c_fine.sql': 'select 2 as id\n',
    };
    const p = make('flags:\n  fail_fast: true\n', files);
    const statuses = (): string[] => JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8')).results.map((r: { status: string }) => r.status);
    expect((await runTsdbt(p.dir, ['run'])).exitCode).toBe(1);
    expect(statuses().filter((s) => s === 'success')).toHaveLength(0);
    expect((await runTsdbt(p.dir, ['run', '--no-fail-fast'])).exitCode).toBe(1);
    expect(statuses().filter((s) => s === 'success')).toHaveLength(2);
    expect((await withEnv({ DBT_FAIL_FAST: 'false' }, () => runTsdbt(p.dir, ['run']))).exitCode).toBe(1);
    expect(statuses().filter((s) => s === 'success')).toHaveLength(2);
  });

  it('write_json: false writes no manifest.json; --write-json does', async () => {
    const p = make('flags:\n  write_json: false\n');
    expect((await runTsdbt(p.dir, ['parse'])).exitCode).toBe(0);
    expect(() => readFileSync(join(p.dir, 'target', 'manifest.json'))).toThrow();
    expect((await runTsdbt(p.dir, ['parse', '--write-json'])).exitCode).toBe(0);
    expect(readFileSync(join(p.dir, 'target', 'manifest.json'), 'utf8')).toContain('"flags_project"');
  });
});

describe("a bad dbt_project.yml flags: is a coded error with its line (exit 2, no stack trace)", () => {
  const cases: [string, string, number, string][] = [
    ['printer_width: wide', "'flags.printer_width' in dbt_project.yml must be a whole number of at least 1", 10, 'printer_width: 100'],
    ["use_colors: 'yes'", "'flags.use_colors' in dbt_project.yml must be true or false", 10, 'use_colors: true'],
    ['log_format: xml', "'flags.log_format' in dbt_project.yml must be one of text, json", 10, 'log_format: json'],
    ['warn_error_options: {errors: all}', "unknown key 'errors'", 10, 'error: all'],
    ['warn_error_options: [all]', "'flags.warn_error_options' in dbt_project.yml must be a mapping", 10, 'warn_error_options: {error: all}'],
  ];
  it.each(cases)('%s', async (line, message, lineNo, hint) => {
    const p = writeProject(`flags:\n  fail_fast: false\n  ${line}\n`, WARNING_PROJECT);
    try {
      const r = await runTsdbt(p.dir, ['parse']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^dbt_project\\.yml:${lineNo}:\\d+: error TSDBT_PROJECT_FLAG_INVALID: `));
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain(`${lineNo} |   ${line}`);
      expect(r.stderr).toContain(hint);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    } finally {
      p.cleanup();
    }
  });

  it('flags: that is not a mapping, and a bad $DBT_LOG_FORMAT', async () => {
    const p = writeProject('flags: [fail_fast]\n', WARNING_PROJECT);
    try {
      const r = await runTsdbt(p.dir, ['parse']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^dbt_project\.yml:8:\d+: error TSDBT_PROJECT_FLAG_INVALID: 'flags' in dbt_project\.yml must be a mapping/);
      writeFileSync(join(p.dir, 'dbt_project.yml'), readFileSync(join(p.dir, 'dbt_project.yml'), 'utf8').replace('flags: [fail_fast]', 'flags:\n  log_format: json'));
      const env = await withEnv({ DBT_LOG_FORMAT: 'xml' }, () => runTsdbt(p.dir, ['parse']));
      expect(env.exitCode).toBe(2);
      expect(env.stderr).toContain("$DBT_LOG_FORMAT: 'xml' is not one of text, json");
    } finally {
      p.cleanup();
    }
  });
});
