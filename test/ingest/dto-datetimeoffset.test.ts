import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { createSqlServerTable } from '../stand-ins/tds/catalog.mjs';
import { offsetColumn } from '../stand-ins/tds/offsets.mjs';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { queryWarehouse } from './helpers/warehouse.js';

let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
});
afterAll(async () => server?.close());

/** Sales.Stamps: a datetimeoffset column `At` whose values keep their own offsets at the source. */
async function createStamps(): Promise<void> {
  await server.admin.run(`DROP TABLE IF EXISTS "Sales"."Stamps"; DELETE FROM tds_catalog.declared_types`);
  await createSqlServerTable(server.admin, 'Sales', 'Stamps', [
    { name: 'StampID', type: 'int', pk: true }, { name: 'At', type: 'datetimeoffset(7)' }, { name: 'ModifiedDate', type: 'datetime' },
  ]);
  await insertStamps([[1, '2024-03-01 10:00:00+02:00', 120], [2, '2024-03-01 10:00:00-05:30', -330], [3, '2024-03-01 10:00:00+00:00', 0], [4, null, null]], '2024-03-01');
}

/** Rows [id, datetimeoffset text, its offset in minutes] (replacing those ids); the stand-in keeps the offset in At's hidden column. */
async function insertStamps(rows: Array<[number, string | null, number | null]>, modified: string): Promise<void> {
  const values = rows.map(([id, at, offset]) => `(${id}, ${at ? `TIMESTAMPTZ '${at}'` : 'NULL'}, ${offset ?? 'NULL'}, TIMESTAMP '${modified}')`);
  await server.admin.run(`DELETE FROM "Sales"."Stamps" WHERE "StampID" IN (${rows.map((r) => r[0]).join(', ')})`);
  await server.admin.run(`INSERT INTO "Sales"."Stamps" ("StampID", "At", "${offsetColumn('At')}", "ModifiedDate") VALUES ${values.join(', ')}`);
}

/** Each landed row as [id, UTC instant, offset minutes]. */
async function landed(warehouse: string, columns = '"at", at_offset_minutes') {
  const [at, off] = columns.split(',');
  const rows = await queryWarehouse(warehouse, `SELECT stamp_id, ${at} AS instant, ${off ?? 'NULL'} AS off
    FROM staging.stamps ORDER BY stamp_id`);
  return rows.map((r) => [r.stamp_id, r.instant === null ? null : new Date(String(r.instant)).toISOString(), r.off]);
}

const FIRST = [
  [1, '2024-03-01T08:00:00.000Z', 120], [2, '2024-03-01T15:30:00.000Z', -330], [3, '2024-03-01T10:00:00.000Z', 0], [4, null, null],
];

describe('DATETIMEOFFSET lands as its instant plus its offset', () => {
  it('lands the instant (TIMESTAMPTZ) and the offset (SMALLINT), then loads only new rows incrementally', async () => {
    await createStamps();
    const project = makeProject('dto-append');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.Stamps', write_disposition: 'append', cursor: 'ModifiedDate' }] });
    const first = await runIngest({ projectDir: project.dir });
    expect(first.tables[0]).toMatchObject({ status: 'loaded', rows: 4 });
    expect(first.plan[0]!.columns.map((c) => `${c.source} ${c.destination} ${c.destinationType}`)).toEqual([
      'StampID stamp_id INTEGER', 'At at TIMESTAMP WITH TIME ZONE', 'At_offset_minutes at_offset_minutes SMALLINT', 'ModifiedDate modified_date TIMESTAMP',
    ]);
    const types = await queryWarehouse(project.warehouse, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'stamps' AND column_name LIKE 'at%' ORDER BY ordinal_position`);
    expect(types).toEqual([{ column_name: 'at', data_type: 'TIMESTAMP WITH TIME ZONE' }, { column_name: 'at_offset_minutes', data_type: 'SMALLINT' }]);
    expect(await landed(project.warehouse)).toEqual(FIRST);

    await insertStamps([[5, '2024-03-02 09:15:00+05:45', 345], [6, '2024-03-02 23:00:00-08:00', -480]], '2024-03-02');
    const second = await runIngest({ projectDir: project.dir });
    expect(second.tables[0]).toMatchObject({ status: 'loaded', rows: 2 });
    expect(await landed(project.warehouse)).toEqual([...FIRST, [5, '2024-03-02T03:30:00.000Z', 345], [6, '2024-03-03T07:00:00.000Z', -480]]);
  });

  it('merges by key on a datetimeoffset cursor: a changed offset replaces the row', async () => {
    await createStamps();
    const project = makeProject('dto-merge');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.Stamps', write_disposition: 'merge', cursor: 'At' }] });
    expect((await runIngest({ projectDir: project.dir })).tables[0]).toMatchObject({ status: 'loaded', rows: 4 });
    expect(await landed(project.warehouse)).toEqual(FIRST);
    // Row 2 moves an hour later and to another offset: the cursor (the instant) advances past the stored one.
    await insertStamps([[2, '2024-03-01 22:00:00+05:30', 330]], '2024-03-03');
    expect((await runIngest({ projectDir: project.dir })).tables[0]).toMatchObject({ status: 'loaded', rows: 1 });
    expect(await landed(project.warehouse)).toEqual([FIRST[0], [2, '2024-03-01T16:30:00.000Z', 330], FIRST[2], FIRST[3]]);
  });

  it('adds the companion to a table loaded without it, like any new column', async () => {
    await createStamps();
    const project = makeProject('dto-evolve');
    const table = { name: 'Sales.Stamps', write_disposition: 'append', cursor: 'ModifiedDate' };
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ ...table, exclude: ['At_offset_minutes'] }] });
    await runIngest({ projectDir: project.dir });
    expect(await landed(project.warehouse, '"at"')).toEqual(FIRST.map(([id, at]) => [id, at, null]));
    await insertStamps([[5, '2024-03-02 09:15:00+05:45', 345]], '2024-03-02');
    project.writeIngest({ source: mssqlSource(server.port), tables: [table] });
    const next = await runIngest({ projectDir: project.dir });
    expect(next.tables[0]).toMatchObject({ status: 'loaded', rows: 1, schemaChanges: ['added at_offset_minutes SMALLINT'] });
    expect((await landed(project.warehouse)).at(-1)).toEqual([5, '2024-03-02T03:30:00.000Z', 345]);
    expect((await landed(project.warehouse))[0]).toEqual([1, '2024-03-01T08:00:00.000Z', null]);
  });

  it('under discard_row, a companion new to the table drops its values, never the rows', async () => {
    await createStamps();
    const project = makeProject('dto-discard-row');
    const table = { name: 'Sales.Stamps', write_disposition: 'append', cursor: 'ModifiedDate', schema_contract: 'discard_row' };
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ ...table, exclude: ['At_offset_minutes'] }] });
    await runIngest({ projectDir: project.dir });
    await insertStamps([[5, '2024-03-02 09:15:00+05:45', 345]], '2024-03-02');
    project.writeIngest({ source: mssqlSource(server.port), tables: [table] });
    const next = await runIngest({ projectDir: project.dir });
    expect(next.tables[0]).toMatchObject({ status: 'loaded', rows: 1, discardedRows: 0, schemaChanges: ['values of new column at_offset_minutes discarded'] });
    expect((await landed(project.warehouse, '"at"')).at(-1)).toEqual([5, '2024-03-02T03:30:00.000Z', null]);
  });

  it('excluding the datetimeoffset column excludes its offset; direct naming keeps <Column>_offset_minutes', async () => {
    await createStamps();
    const excluded = makeProject('dto-exclude');
    excluded.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.Stamps', exclude: ['At'] }] });
    const r = await runIngest({ projectDir: excluded.dir });
    expect(r.plan[0]!.columns.map((c) => c.destination)).toEqual(['stamp_id', 'modified_date']);
    const direct = makeProject('dto-direct');
    direct.writeIngest({ source: mssqlSource(server.port), naming: 'direct', tables: [{ name: 'Sales.Stamps' }] });
    await runIngest({ projectDir: direct.dir });
    const rows = await queryWarehouse(direct.warehouse, `SELECT "StampID" AS id, "At_offset_minutes" AS off FROM staging."Stamps" ORDER BY 1`);
    expect(rows.map((x) => x.off)).toEqual([120, -330, 0, null]);
  });
});
