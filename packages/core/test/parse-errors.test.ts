import { describe, expect, it } from 'vitest';
import { parseErrors } from './helpers.js';

const errorsOf = (r: Awaited<ReturnType<typeof parseErrors>>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('broken projects report coded diagnostics with file and position', () => {
  it('bad YAML names the file, line and column', async () => {
    const r = await parseErrors('core_bad_yaml');
    const [d] = errorsOf(r);
    expect(d).toMatchObject({ code: 'TSDBT_YAML_SYNTAX', file: 'models/schema.yml', line: 6 });
    expect(d!.column).toBeGreaterThan(0);
    // dbt exits 2 when the project cannot be parsed (1 is for nodes that fail).
    expect(r.exitCode).toBe(2);
  });

  it('Jinja syntax errors in every file are reported in one run', async () => {
    const r = await parseErrors('core_jinja_syntax');
    const errors = errorsOf(r);
    expect(errors.map((d) => [d.code, d.file])).toEqual([
      ['TSDBT_JINJA_SYNTAX', 'models/a.sql'],
      ['TSDBT_JINJA_SYNTAX', 'models/b.sql'],
    ]);
    expect(errors[1]!.line).toBe(1);
  });

  it('an unknown macro suggests the closest name', async () => {
    const [d] = errorsOf(await parseErrors('core_unknown_macro'));
    expect(d!.code).toBe('TSDBT_UNKNOWN_MACRO');
    expect(d!.file).toBe('models/a.sql');
    expect(d!.line).toBe(2);
    expect(`${d!.message} ${d!.hint}`).toContain('cents_to_dollars');
  });

  it('a missing ref names file, line, column and the closest model', async () => {
    const [d] = errorsOf(await parseErrors('core_missing_ref'));
    expect(d).toMatchObject({ code: 'TSDBT_REF_NOT_FOUND', file: 'models/orders.sql', line: 2, column: 9 });
    expect(d!.hint).toContain("ref('customers')");
  });

  it('a cycle lists every node with its file', async () => {
    const [d] = errorsOf(await parseErrors('core_cycle'));
    expect(d!.code).toBe('TSDBT_CYCLE');
    for (const n of ['a', 'b', 'c']) expect(d!.message).toContain(`model.core_cycle.${n} (models/${n}.sql)`);
  });

  it('a missing env var is named', async () => {
    delete process.env.TSDBT_FIXTURE_UNSET_VAR;
    const [d] = errorsOf(await parseErrors('core_missing_env'));
    expect(d).toMatchObject({ code: 'TSDBT_ENV_VAR_MISSING', file: 'models/a.sql', line: 1 });
    expect(d!.message).toContain('TSDBT_FIXTURE_UNSET_VAR');
  });

  it('a config of the wrong type names the key', async () => {
    const [d] = errorsOf(await parseErrors('core_wrong_config'));
    expect(d).toMatchObject({ code: 'TSDBT_CONFIG_TYPE', file: 'models/a.sql' });
    expect(d!.message).toContain("'materialized'");
  });

  it('two models with one name name both files', async () => {
    const [d] = errorsOf(await parseErrors('core_duplicate_model'));
    expect(d!.code).toBe('TSDBT_DUPLICATE_NODE');
    expect(d!.message).toContain('models/one/dup.sql');
    expect(d!.message).toContain('models/two/dup.sql');
  });

  it('an unknown profile suggests the closest one', async () => {
    const r = await parseErrors('core_unknown_profile');
    expect(r.code).toBe('TSDBT_PROFILE_NOT_FOUND');
    expect(r.diagnostics[0]!.hint).toContain("'core_fixture'");
  });

  it('an unknown --target is bad usage (exit 2) and lists the targets', async () => {
    const r = await parseErrors('core_missing_ref', { target: 'prd' });
    expect(r.code).toBe('TSDBT_TARGET_NOT_FOUND');
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics[0]!.hint).toContain('dev');
  });

  it('keeps going and reports every problem at once', async () => {
    const r = await parseErrors('core_many_errors');
    expect(r.code).toBe('TSDBT_PARSE_FAILED');
    expect(errorsOf(r).map((d) => d.code).sort()).toEqual(['TSDBT_CONFIG_TYPE', 'TSDBT_REF_NOT_FOUND', 'TSDBT_SOURCE_NOT_FOUND']);
    const src = errorsOf(r).find((d) => d.code === 'TSDBT_SOURCE_NOT_FOUND')!;
    expect(src.hint).toContain("source('raw', 'orders')");
  });

  it('bad --vars is bad usage', async () => {
    const r = await parseErrors('core_missing_ref', { vars: '{a: [1' });
    expect(r).toMatchObject({ code: 'TSDBT_BAD_VARS', exitCode: 2 });
  });
});
