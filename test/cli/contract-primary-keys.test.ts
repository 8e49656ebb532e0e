import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, governanceProject, tsdbt } from './governance-fixture.js';

const SQL = "select 1 as id, 'alice' as user_name\n";

/** A property file for model `foo` with the constraints given (YAML lines at model and column level). */
const schema = (opts: { enforced?: boolean; model?: boolean; idPk?: boolean; namePk?: boolean }) =>
  [
    'version: 2',
    'models:',
    '  - name: other',
    '  - name: foo',
    '    config:',
    '      materialized: table',
    `      contract: {enforced: ${opts.enforced ?? true}}`,
    ...(opts.model ? ['    constraints:', '      - type: primary_key', '        columns: [id, user_name]'] : []),
    '    columns:',
    '      - name: id',
    '        data_type: int',
    ...(opts.idPk ? ['        constraints:', '          - type: primary_key'] : []),
    '      - name: user_name',
    '        data_type: text',
    ...(opts.namePk ? ['        constraints:', '          - type: primary_key'] : []),
    '',
  ].join('\n');

const project = (yml: string) => governanceProject({ 'models/schema.yml': yml, 'models/foo.sql': SQL, 'models/other.sql': 'select 1 as x\n' });

describe.skipIf(!existsSync(bin))('primary keys on several columns: dbt’s parse error, not a warehouse error at run time', () => {
  it('two column-level primary keys stop the parse at the model’s entry in the property file, with a hint', () => {
    const dir = project(schema({ idPk: true, namePk: true }));
    const r = tsdbt(dir, 'run');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('models/schema.yml:4:5: error TSDBT_CONSTRAINT_PRIMARY_KEY');
    expect(r.stderr).toContain('Primary key constraint error: (models/foo.sql)');
    expect(r.stderr).toContain(
      "Found 2 columns (['id', 'user_name']) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint.",
    );
    expect(r.stderr).toContain('constraints: [{type: primary_key, columns: [id, user_name]}]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Stopped at parse: the warehouse was never asked to build anything, the other model included.
    expect(r.stdout).not.toContain('START');
    expect(existsSync(join(dir, 'target', 'run_results.json'))).toBe(false);
  });

  it('applies without an enforced contract too, as dbt checks every model with a YAML entry', () => {
    const r = tsdbt(project(schema({ enforced: false, idPk: true, namePk: true })), 'parse');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Found 2 columns');
  });

  it('a primary key at the model level and at the column level is the other half of dbt’s check', () => {
    const r = tsdbt(project(schema({ model: true, idPk: true })), 'parse');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error TSDBT_CONSTRAINT_PRIMARY_KEY');
    expect(r.stderr).toContain(
      'Primary key constraints defined at the model level and the columns level. Primary keys can be defined at the model level or the column level, not both.',
    );
    expect(r.stderr).not.toContain('Found 1 columns');
  });

  it('one column-level primary key, or one model-level primary key on two columns, parses', () => {
    for (const opts of [{ idPk: true }, { model: true }]) {
      const r = tsdbt(project(schema(opts)), 'parse');
      expect(r.stderr, JSON.stringify(opts)).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
