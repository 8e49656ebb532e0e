import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSample } from '@tsdbt/sample-data';
import { query, tempDir } from './helpers.js';

// The real AdventureWorks CSVs live beside the repository (../shared), never inside it.
const CSV_DIR = resolve(import.meta.dirname, '../../../../shared/data/adventureworks2019');
const present = existsSync(join(CSV_DIR, 'Sales.SalesOrderHeader.csv'));

describe.skipIf(!present)(`--from-csv (needs ${CSV_DIR})`, () => {
  it('loads the real rows with their README counts and totals, and an empty returns table', async () => {
    const out = join(tempDir(), 'real.duckdb');
    const result = await runSample({ out, fromCsv: CSV_DIR, scale: 1, seed: 42, help: false });
    expect(result.rows).toMatchObject({
      'Sales.SalesOrderHeader': 31_465, 'Sales.SalesOrderDetail': 121_317, 'Sales.Customer': 19_820,
      'Production.Product': 504, 'Person.StateProvince': 181, 'Sales.SalesOrderReturn': 0,
    });
    const [[r]] = await query(out, `SELECT (SELECT sum(SubTotal)::VARCHAR FROM Sales.SalesOrderHeader) AS sub,
      (SELECT sum(TotalDue)::VARCHAR FROM Sales.SalesOrderHeader) AS due,
      (SELECT sum(LineTotal)::VARCHAR FROM Sales.SalesOrderDetail) AS lines,
      (SELECT StateProvinceCode FROM Person.StateProvince WHERE StateProvinceID = 1) AS code`) as [[Record<string, string>]];
    expect(r).toEqual({ sub: '109846381.4039', due: '123216786.1159', lines: '109846381.399888', code: 'AB ' });
  });

  it('names the missing files of an incomplete folder', async () => {
    const dir = tempDir();
    await expect(runSample({ out: join(dir, 'x.duckdb'), fromCsv: dir, scale: 1, seed: 1, help: false }))
      .rejects.toMatchObject({ code: 'SAMPLE_CSV_MISSING', message: expect.stringContaining('Sales.SalesOrderHeader.csv') });
  });
});
