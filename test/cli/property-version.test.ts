import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';

const BASE: Record<string, string> = {
  'dbt_project.yml': "name: versions\nversion: '1.0'\nconfig-version: 2\nprofile: versions\n",
  'profiles.yml': 'versions:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n',
  'models/orders.sql': 'select 1 as id',
  'models/customers.sql': 'select 1 as id',
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-property-version-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries({ ...BASE, ...files })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("a property file's version: as dbt's check_format_version", () => {
  it('accepts `version: 2` and a file without version (dbt 1.5+)', async () => {
    const dir = project({
      'models/with.yml': 'version: 2 # the usual header\nmodels:\n  - name: orders\n    description: With a version\n',
      'models/without.yml': 'models:\n  - name: customers\n    description: Without one\n',
    });
    const r = await runTsdbt(dir, ['parse']);
    expect(r.stderr).not.toContain('TSDBT_PROPERTY_VERSION');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it('refuses any other version, each file at its line, in dbt’s words, and stops the parse (exit 2)', async () => {
    const dir = project({
      'models/one.yml': '# old header\nversion: 1\nmodels:\n  - name: orders\n',
      'models/quoted.yml': 'version: "2"\nmodels:\n  - name: customers\n',
      'models/float.yml': 'version: 2.0\n',
      'models/empty.yml': 'version:\nmodels: []\n',
    });
    const r = await runTsdbt(dir, ['parse']);
    expect(r.exitCode).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/models\/one\.yml:2\b.*error TSDBT_PROPERTY_VERSION: The yml property file at models\/one\.yml is invalid because its 'version:' tag is set to 1\. {2}Only 2 is supported/u);
    expect(out).toMatch(/models\/quoted\.yml:1\b.*TSDBT_PROPERTY_VERSION.*its 'version:' tag must be an integer \(e\.g\. version: 2\)\. 2 is not an integer/u);
    expect(out).toMatch(/models\/float\.yml:1\b.*TSDBT_PROPERTY_VERSION.*2\.0 is not an integer/u);
    expect(out).toMatch(/models\/empty\.yml:1\b.*TSDBT_PROPERTY_VERSION.*None is not an integer/u);
    expect(out).toContain('Write `version: 2` (unquoted), or leave the key out');
    // The refused file is not read further: no second error about its entries.
    expect(out.match(/models\/one\.yml/gu)?.length).toBe(2);
  });
});
