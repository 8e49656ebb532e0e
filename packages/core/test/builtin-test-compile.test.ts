import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNode, compileProject, parseProject, selectNodes, type ParsedProject } from '@tsdbt/core';
import { sharedProfiles, tempTarget } from './helpers.js';

/** Built-in tests in the shapes the quick path takes and those it must leave to the full render. */
const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: quick_tests\nversion: "1.0"\nprofile: core_fixture\nconfig-version: 2\n',
  'models/a.sql': "select 1 as id, 'x' as status",
  'models/b.sql': "{{ config(alias='b_table', schema='other') }}\nselect * from {{ ref('a') }}",
  'models/c.sql': "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('a') }}",
  'models/d.sql': "select * from {{ ref('c') }}",
  'models/schema.yml': `version: 2
sources:
  - name: raw
    schema: landing
    tables:
      - name: events
        columns:
          - name: id
            data_tests: [not_null, unique]
models:
  - name: a
    columns:
      - name: id
        data_tests: [not_null, unique]
      - name: status
        data_tests:
          - accepted_values: { values: ['x', 'y'] }
          - not_null: { config: { where: "id > 0" } }
  - name: b
    columns:
      - name: id
        data_tests:
          - not_null
          - unique
          - accepted_values: { values: ['x', 'y'] }
          - relationships: { to: ref('a'), field: id }
  - name: c
    columns:
      - name: id
        data_tests: [not_null, unique]
  - name: d
    columns:
      - name: status
        data_tests:
          - not_null: { config: { where: "id > 0" } }
          - accepted_values: { values: ['x', 'y'] }
`,
};

function writeProject(): string {
  const dir = tempTarget();
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const parse = (dir: string): Promise<ParsedProject> => parseProject({ projectDir: dir, profilesDir: sharedProfiles, targetPath: tempTarget() });

describe('compiling the built-in generic tests', () => {
  it('gives each test the SQL it has when it is the first of its arguments to render (the full path)', async () => {
    const dir = writeProject();
    const project = await parse(dir);
    const { compiled } = await compileProject(project, selectNodes(project.manifest));
    const tests = compiled.filter((c) => c.uniqueId.startsWith('test.'));
    expect(tests.length).toBe(14);
    for (const { uniqueId, sql } of tests) {
      // A fresh parse has nothing cached: this test renders in full, with its own scope and context.
      const alone = await compileNode(await parse(dir), uniqueId, { execute: true, which: 'compile' });
      expect(sql, uniqueId).toBe(alone);
    }
    const byName = (name: string) => tests.find((t) => t.uniqueId.startsWith(`test.quick_tests.${name}.`))!.sql;
    expect(byName('not_null_b_id')).toContain('"main_other"."b_table"');
    expect(byName('source_unique_raw_events_id')).toContain('"landing"."events"');
    expect(byName('not_null_d_status')).toContain('where id > 0');
    expect(byName('unique_c_id')).toContain('__dbt__cte__c');
  });

  it('takes the full path when the project overrides the test macro', async () => {
    const dir = writeProject();
    mkdirSync(join(dir, 'macros'), { recursive: true });
    writeFileSync(join(dir, 'macros/not_null.sql'), "{% test not_null(model, column_name) %}select 'custom' as t, {{ column_name }} from {{ model }}{% endtest %}");
    const project = await parse(dir);
    const { compiled } = await compileProject(project, selectNodes(project.manifest));
    const notNull = compiled.filter((c) => c.uniqueId.startsWith('test.quick_tests.not_null_'));
    expect(notNull.find((c) => c.uniqueId.includes('not_null_a_id'))!.sql).toBe(`select 'custom' as t, id from "memory"."main"."a"`);
    expect(notNull.find((c) => c.uniqueId.includes('not_null_b_id'))!.sql).toBe(`select 'custom' as t, id from "memory"."main_other"."b_table"`);
  });
});
