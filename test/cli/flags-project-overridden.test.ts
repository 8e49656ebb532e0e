import { describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';
import { WARNING_PROJECT, writeProject } from './flags-fixture.js';

/** `parse` on a project whose dbt_project.yml has `flags:` with `lines`, with `args` and DBT_* variables `env`. */
async function parse(lines: string[], args: string[] = [], env: Record<string, string | undefined> = {}) {
  const p = writeProject(`flags:\n${lines.map((l) => `  ${l}\n`).join('')}`, WARNING_PROJECT);
  try {
    return await withEnv(env, () => runTsdbt(p.dir, ['parse', ...args]));
  } finally {
    p.cleanup();
  }
}

// flag > DBT_* variable > dbt_project.yml: a project value that a flag or variable overrides is never used, so a bad
// one does not stop the command; one that is used still does (tsdbt's stricter reading: dbt would drop the block).
describe("a bad dbt_project.yml flags: value that a --flag or DBT_* variable overrides", () => {
  it('does not stop the command when a flag sets it', async () => {
    const cases: [string, string[]][] = [
      ['printer_width: wide', ['--printer-width', '60']],
      ["use_colors: 'yes'", ['--no-use-colors']],
      ['log_format: xml', ['--log-format', 'text']],
      ['log_level: loud', ['--log-level', 'info']],
      ['partial_parse: sometimes', ['--no-partial-parse']],
      // warn_error and warn_error_options are one setting: either flag replaces both.
      ['warn_error_options: {errors: all}', ['--no-warn-error']],
      ['warn_error: maybe', ['--warn-error-options', '{"error": []}']],
    ];
    for (const [line, args] of cases) {
      const r = await parse([line], args);
      expect(r.stderr, line).not.toContain('TSDBT_PROJECT_FLAG_INVALID');
      expect(r.exitCode, line).toBe(0);
    }
  });

  it('does not stop the command when a DBT_* variable sets it', async () => {
    const cases: [string, Record<string, string>][] = [
      ['printer_width: wide', { DBT_PRINTER_WIDTH: '60' }],
      ['write_json: nope', { DBT_WRITE_JSON: 'true' }],
      ['warn_error_options: [all]', { DBT_WARN_ERROR_OPTIONS: '{"error": []}' }],
    ];
    for (const [line, env] of cases) {
      const r = await parse([line], [], env);
      expect(r.stderr, line).not.toContain('TSDBT_PROJECT_FLAG_INVALID');
      expect(r.exitCode, line).toBe(0);
    }
  });

  it('still stops it when the bad value is the one used: another flag, an empty variable, no override', async () => {
    for (const [args, env] of [[['--no-use-colors'], {}], [[], { DBT_PRINTER_WIDTH: '' }], [[], {}]] as const) {
      const r = await parse(['use_colors: true', 'printer_width: wide'], [...args], env);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^dbt_project\.yml:10:\d+: error TSDBT_PROJECT_FLAG_INVALID: 'flags\.printer_width' in dbt_project\.yml must be a whole number/);
    }
  });
});
