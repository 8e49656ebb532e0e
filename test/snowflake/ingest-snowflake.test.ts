import { describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { makeProject, mssqlSource } from '../ingest/helpers/fixture-project.js';
import { tdsToSnowflake } from './helpers/tds-to-snowflake.js';

const env = tdsToSnowflake(1200);

describe('tsdbt ingest into Snowflake (stand-in) through PUT and COPY INTO', () => {
  it('lands every row with Snowflake types, and a rerun neither loses nor duplicates rows', async () => {
    const project = makeProject('ingest-sf');
    env.writeProfile(project.dir);
    project.writeIngest({ source: mssqlSource(env.tds.port), chunk_size: 500, tables: ['Sales.SalesOrderHeader'] });
    const first = await runIngest({ projectDir: project.dir });
    expect(first.tables.map((t) => [t.source, t.status, t.rows])).toEqual([['Sales.SalesOrderHeader', 'loaded', 1200]]);
    const cols = await env.sf.getColumns({ database: 'SALES', schema: 'STAGING', identifier: 'SALES_ORDER_HEADER' });
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('SUB_TOTAL NUMBER(19,4)');
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('ORDER_DATE TIMESTAMP_NTZ(9)');
    expect(cols.map((c) => `${c.name} ${c.dataType}`)).toContain('ONLINE_ORDER_FLAG BOOLEAN');
    const count = async () => (await env.sf.execute('select count(*), count(distinct sales_order_id), sum(sub_total) from sales.staging.sales_order_header')).rows[0]!.map(Number);
    const before = await count();
    expect(before.slice(0, 2)).toEqual([1200, 1200]);
    await runIngest({ projectDir: project.dir });
    expect(await count()).toEqual(before);
  });
});
