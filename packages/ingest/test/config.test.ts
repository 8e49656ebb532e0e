import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIngestConfig } from '@tsdbt/ingest';

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-ingest-config-'));
  writeFileSync(join(dir, 'ingest.yml'), text);
  return dir;
}

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; diagnostics: { file?: string; line?: number }[] };
  }
  throw new Error('expected an error');
};

describe('ingest.yml', () => {
  it('renders env_var with defaults, resolves the embedded path and applies dlt-like defaults', () => {
    process.env.TSDBT_CFG_TEST_PW = 's3cret';
    const dir = write(`source:
  type: mssql
  server: db.local
  database: AdventureWorks2019
  user: loader
  password: "{{ env_var('TSDBT_CFG_TEST_PW') }}"
  port: "{{ env_var('TSDBT_CFG_TEST_PORT', '1533') | as_number }}"
defaults:
  write_disposition: append
tables:
  - Sales.SalesOrderHeader
  - schema: Production
    write_disposition: merge
    primary_key: [ProductID]
`);
    const config = loadIngestConfig('ingest.yml', dir);
    expect(config.source).toMatchObject({ type: 'mssql', password: 's3cret', port: 1533, encrypt: true });
    expect(config.destination).toEqual({ schema: 'staging' });
    expect(config.tables.map((t) => [t.name ?? t.schema, t.writeDisposition, t.primaryKey, t.schemaContract])).toEqual([
      ['Sales.SalesOrderHeader', 'append', [], 'evolve'],
      ['Production', 'merge', ['ProductID'], 'evolve'],
    ]);
    const embedded = loadIngestConfig('ingest.yml', write(`source: {type: duckdb, path: "{{ env_var('TSDBT_CFG_NOT_SET', 'data/sales_source.duckdb') }}"}\ntables: [Sales.Store]\n`));
    expect(embedded.source).toMatchObject({ type: 'duckdb' });
    expect((embedded.source as { path: string }).path).toMatch(/[/\\]data[/\\]sales_source\.duckdb$/);
  });

  it('names the file, key and line of a missing env var, an unknown key and a bad entry', () => {
    const missing = caught(() => loadIngestConfig('ingest.yml', write(`source:\n  type: duckdb\n  path: "{{ env_var('TSDBT_CFG_MISSING') }}"\ntables: [Sales.Store]\n`)));
    expect(missing).toMatchObject({ code: 'TSDBT_ENV_VAR_MISSING', diagnostics: [{ file: 'ingest.yml', line: 3 }] });
    const unknown = caught(() => loadIngestConfig('ingest.yml', write(`source: {type: duckdb, path: x.duckdb}\ntables:\n  - name: Sales.Store\n    curser: ModifiedDate\n`)));
    expect(unknown).toMatchObject({ code: 'TSDBT_INGEST_CONFIG_INVALID', diagnostics: [{ file: 'ingest.yml', line: 3 }] });
    expect(unknown.message).toContain('curser');
    const both = caught(() => loadIngestConfig('ingest.yml', write(`source: {type: duckdb, path: x.duckdb}\ntables:\n  - {name: Sales.Store, schema: Sales}\n`)));
    expect(both).toMatchObject({ code: 'TSDBT_INGEST_CONFIG_INVALID', diagnostics: [{ line: 3 }] });
    const absent = caught(() => loadIngestConfig('nope.yml', write('')));
    expect(absent.code).toBe('TSDBT_INGEST_CONFIG_NOT_FOUND');
  });
});
