import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { withEnv } from './global-flags-env.js';
import { writeProject } from './flags-fixture.js';

const FILES = {
  'models/plain.sql': 'select 1 as id\n',
  // dbt's usual introspective patterns: a run_query result templated into the SQL, and adapter.get_relation.
  'models/queried.sql': "{% set r = run_query('select 41 + 1 as n') %}\nselect {{ r.columns[0].values()[0] if execute else 0 }} as n\n",
  'models/related.sql':
    "{% set rel = adapter.get_relation(database=this.database, schema=this.schema, identifier='plain') %}\nselect {{ 1 if rel else 0 }} as plain_exists\n",
};

describe('compile --no-introspect ($DBT_INTROSPECT=false)', () => {
  const project = writeProject('', FILES);
  const compiled = (model: string): string => readFileSync(join(project.dir, 'target', 'compiled', 'flags_project', 'models', `${model}.sql`), 'utf8');
  beforeAll(async () => {
    expect((await runTsdbt(project.dir, ['run', '-s', 'plain'])).exitCode).toBe(0);
  });
  afterAll(() => project.cleanup());

  it('compile runs the introspective queries by default (--introspect)', async () => {
    for (const args of [[], ['--introspect']]) {
      const r = await runTsdbt(project.dir, ['compile', ...args]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(compiled('queried')).toContain('select 42 as n');
      expect(compiled('related')).toContain('select 1 as plain_exists');
    }
  });

  it('fails each model whose compile needs a query, naming the call and the file; the others compile', async () => {
    const r = await runTsdbt(project.dir, ['compile', '--no-introspect']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('models/queried.sql');
    expect(r.stderr).toContain('error TSDBT_INTROSPECTION_DISABLED: run_query runs an introspective query, and introspection is off');
    expect(r.stderr).toContain('models/related.sql');
    expect(r.stderr).toContain('error TSDBT_INTROSPECTION_DISABLED: adapter.get_relation runs an introspective query');
    expect(r.stderr).toContain('hint: Compile without --no-introspect');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const plain = await runTsdbt(project.dir, ['compile', '--no-introspect', '-s', 'plain']);
    expect(plain.exitCode, plain.stderr).toBe(0);
    expect(compiled('plain')).toContain('select 1 as id');
  });

  it('$DBT_INTROSPECT=false does the same; --introspect wins over it', async () => {
    const env = await withEnv({ DBT_INTROSPECT: 'false' }, () => runTsdbt(project.dir, ['compile', '-s', 'queried']));
    expect(env.exitCode).toBe(1);
    expect(env.stderr).toContain('TSDBT_INTROSPECTION_DISABLED');
    const flag = await withEnv({ DBT_INTROSPECT: 'false' }, () => runTsdbt(project.dir, ['compile', '-s', 'queried', '--introspect']));
    expect(flag.exitCode, flag.stderr).toBe(0);
  });

  it('compile --inline with run_query fails under --no-introspect and prints the statement without it', async () => {
    const sql = "select {{ run_query('select 5 as n').columns[0].values()[0] }} as n";
    const ok = await runTsdbt(project.dir, ['compile', '--inline', sql]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe('select 5 as n');
    const off = await runTsdbt(project.dir, ['compile', '--inline', sql, '--no-introspect']);
    expect(off.exitCode).not.toBe(0);
    expect(off.stderr).toContain('TSDBT_INTROSPECTION_DISABLED');
    expect(off.stdout).toBe('');
  });

  it('run is not affected: --no-introspect is a compile flag', async () => {
    const r = await runTsdbt(project.dir, ['run', '--no-introspect']);
    expect(r.exitCode, r.stderr).toBe(0);
  });
});
