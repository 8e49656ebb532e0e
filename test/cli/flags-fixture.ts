import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const PROFILES = `flags_project:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      threads: 1
`;

/** A small DuckDB project in a temp folder: dbt_project.yml with `extra` appended, and the given files. */
export function writeProject(extra: string, files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-flags-'));
  const all: Record<string, string> = {
    'dbt_project.yml': `name: flags_project\nversion: '1.0'\nconfig-version: 2\nprofile: flags_project\nmodels:\n  flags_project:\n    +materialized: table\n${extra}`,
    'profiles.yml': PROFILES,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A model that passes and a test on it that warns (severity warn, one failing row). */
export const WARNING_PROJECT = {
  'models/answers.sql': 'select 42 as answer union all select 7 as answer\n',
  'tests/warns_on_answer.sql': "{{ config(severity='warn') }}\nselect * from {{ ref('answers') }} where answer = 42\n",
};
