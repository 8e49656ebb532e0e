import { beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { createSqlServerTable } from '../stand-ins/tds/catalog.mjs';
import { offsetColumn } from '../stand-ins/tds/offsets.mjs';
import { tdsToSnowflake } from '../snowflake/helpers/tds-to-snowflake.js';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';

// (A column named `At` would trip the Snowflake stand-in's DuckDB parser on the unquoted column list; real
// Snowflake does not reserve AT.)
const env = tdsToSnowflake(1);

beforeAll(async () => {
  await createSqlServerTable(env.tds.admin, 'Sales', 'Stamps', [{ name: 'StampID', type: 'int', pk: true }, { name: 'OrderDate', type: 'datetimeoffset' }]);
  await env.tds.admin.run(`INSERT INTO "Sales"."Stamps" ("StampID", "OrderDate", "${offsetColumn('OrderDate')}") VALUES
    (1, TIMESTAMPTZ '2024-03-01 10:00:00+02:00', 120), (2, TIMESTAMPTZ '2024-03-01 10:00:00-05:30', -330), (3, TIMESTAMPTZ '2024-03-01 10:00:00+00:00', 0), (4, NULL, NULL)`);
});

describe('DATETIMEOFFSET into Snowflake (stand-in)', () => {
  it('lands the same two columns as on DuckDB: TIMESTAMP_TZ instant and SMALLINT offset', async () => {
    const project = makeProject('dto-sf');
    env.writeProfile(project.dir);
    project.writeIngest({ source: mssqlSource(env.tds.port), tables: ['Sales.Stamps'] });
    const result = await runIngest({ projectDir: project.dir });
    expect(result.tables[0]!.error).toBeUndefined();
    expect(result.tables[0]).toMatchObject({ status: 'loaded', rows: 4 });
    const cols = await env.sf.getColumns({ database: 'SALES', schema: 'STAGING', identifier: 'STAMPS' });
    expect(cols.map((c) => c.name)).toEqual(['STAMP_ID', 'ORDER_DATE', 'ORDER_DATE_OFFSET_MINUTES', '_tsdbt_load_id']);
    expect(cols.find((c) => c.name === 'ORDER_DATE')!.dataType).toMatch(/^TIMESTAMP_TZ/);
    const rows = (await env.sf.execute('select stamp_id, order_date, order_date_offset_minutes from sales.staging.stamps order by stamp_id')).rows;
    const instant = (v: unknown) => (v === null ? null : new Date(v as string | Date).toISOString());
    expect(rows.map(([id, at, off]) => [Number(id), instant(at), off === null ? null : Number(off)])).toEqual([
      [1, '2024-03-01T08:00:00.000Z', 120], [2, '2024-03-01T15:30:00.000Z', -330], [3, '2024-03-01T10:00:00.000Z', 0], [4, null, null],
    ]);
  });
});
