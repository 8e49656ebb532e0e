import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Dialect, RelationRef } from '@tsdbt/core';
import { conformanceAdapters } from './adapters.js';
import type { ConformanceTarget } from './adapters.js';

/** One suite for every registered adapter (Malloy loops over dialects): the behaviour the runner relies on. */
for (const entry of conformanceAdapters) {
  const skip = entry.skipReason?.();
  describe.skipIf(skip !== undefined)(`adapter conformance: ${entry.name}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let target: ConformanceTarget;
    let conn: Connection;
    let dialect: Dialect;
    let schema: string;
    let database: string | undefined;
    const rel = (identifier: string): RelationRef => ({ database, schema, identifier: dialect.normalizeIdentifier(identifier) });
    const r = (identifier: string): string => dialect.renderRelation(rel(identifier));
    const count = async (c: Connection, identifier: string): Promise<number> =>
      Number((await c.execute(`select count(*) as n from ${r(identifier)}`)).rows[0]![0]);

    beforeAll(async () => {
      target = await entry.create();
      await target.setup?.();
      dialect = target.adapter.createDialect(target.config);
      conn = await target.adapter.connect(target.config);
      database = target.config.database;
      schema = dialect.normalizeIdentifier(`tsdbt_conf_${process.pid}_${Date.now().toString(36)}`);
      await conn.execute(dialect.createSchema(database, schema));
    });

    afterAll(async () => {
      if (conn) {
        await conn.execute(dialect.dropSchema(database, schema)).catch(() => undefined);
        await conn.close();
      }
      await target?.teardown?.();
    });

    it('quotes identifiers with spaces, quotes and mixed case', async () => {
      const odd = 'Odd "name" here';
      await conn.execute(dialect.createTableAs(rel('quoting'), `select 1 as ${dialect.quote(odd)}`));
      const result = await conn.execute(`select ${dialect.quote(odd)} from ${r('quoting')}`);
      expect(Number(result.rows[0]![0])).toBe(1);
      expect(result.columns[0]!.name).toBe(odd);
    });

    it('creates a table from a select and a view over it', async () => {
      await conn.execute(dialect.createTableAs(rel('ctas'), 'select 1 as id union all select 2 as id;'));
      await conn.execute(dialect.createViewAs(rel('ctas_view'), `select id * 10 as id10 from ${r('ctas')}`));
      expect(await count(conn, 'ctas')).toBe(2);
      const rows = (await conn.execute(`select id10 from ${r('ctas_view')} order by id10`)).rows.map((x) => Number(x[0]));
      expect(rows).toEqual([10, 20]);
      expect((await conn.getRelation(rel('ctas_view')))?.type).toBe('view');
      expect((await conn.getRelation(rel('ctas')))?.type).toBe('table');
    });

    it('swaps a table in while a reader reads: never missing, never half-built', async () => {
      await conn.execute(dialect.createTableAs(rel('swap_t'), 'select 1 as v union all select 2 union all select 3'));
      await conn.execute(dialect.createTableAs(rel('swap_t__tmp'), 'select 1 as v union all select 2 union all select 3 union all select 4 union all select 5'));
      const reader = await target.adapter.connect(target.config);
      try {
        const existing = (await conn.getRelation(rel('swap_t')))?.type;
        const statements = dialect.swapRelation(rel('swap_t__tmp'), rel('swap_t'), existing);
        const seen: number[] = [];
        const run = async (c: Connection) => {
          for (const sql of statements) {
            await c.execute(sql);
            seen.push(await count(reader, 'swap_t'));
          }
        };
        if (dialect.capabilities.transactionalDdl) await conn.transaction(run);
        else await run(conn);
        for (const n of seen) expect([3, 5]).toContain(n);
        expect(await count(reader, 'swap_t')).toBe(5);
        expect(await conn.getRelation(rel('swap_t__tmp'))).toBeUndefined();
      } finally {
        await reader.close();
      }
    });

    it('rolls back a failed transaction', async () => {
      await conn.execute(dialect.createTableAs(rel('tx_t'), 'select 1 as v'));
      await expect(
        conn.transaction(async (c) => {
          await c.execute(dialect.insertInto(rel('tx_t'), ['v'], 'select 2 as v'));
          await c.execute('select * from this_relation_does_not_exist_anywhere');
        }),
      ).rejects.toMatchObject({ code: expect.any(String) });
      expect(await count(conn, 'tx_t')).toBe(1);
    });

    it('merges on a unique key: updates matches, inserts the rest', async () => {
      await conn.execute(dialect.createTableAs(rel('merge_t'), "select 1 as id, 'a' as name union all select 2, 'b'"));
      await conn.execute(dialect.createTableAs(rel('merge_s'), "select 2 as id, 'B' as name union all select 3, 'c'"));
      await conn.execute(dialect.merge({ target: rel('merge_t'), source: rel('merge_s'), uniqueKey: ['id'], columns: ['id', 'name'] }));
      const rows = (await conn.execute(`select id, name from ${r('merge_t')} order by id`)).rows.map(([id, n]) => [Number(id), n]);
      expect(rows).toEqual([[1, 'a'], [2, 'B'], [3, 'c']]);
    });

    it('delete+insert on a composite key', async () => {
      await conn.execute(dialect.createTableAs(rel('di_t'), "select 1 as a, 1 as b, 'x' as v union all select 1, 2, 'y' union all select 2, 1, 'z'"));
      await conn.execute(dialect.createTableAs(rel('di_s'), "select 1 as a, 2 as b, 'Y' as v union all select 3, 3, 'w'"));
      await conn.transaction(async (c) => {
        await c.execute(dialect.deleteWhereKeyIn(rel('di_t'), rel('di_s'), ['a', 'b']));
        await c.execute(dialect.insertInto(rel('di_t'), ['a', 'b', 'v'], `select a, b, v from ${r('di_s')}`));
      });
      const rows = (await conn.execute(`select a, b, v from ${r('di_t')} order by a, b`)).rows.map(([a, b, v]) => [Number(a), Number(b), v]);
      expect(rows).toEqual([[1, 1, 'x'], [1, 2, 'Y'], [2, 1, 'z'], [3, 3, 'w']]);
    });

    it('introspects relations and columns, and alters columns', async () => {
      await conn.execute(dialect.createTableAs(rel('intro_t'), `select cast(1 as ${dialect.typeName('int')}) as id, cast('a' as ${dialect.typeName('string')}) as name`));
      await conn.execute(dialect.createViewAs(rel('intro_v'), `select id from ${r('intro_t')}`));
      const listed = await conn.listRelations(database, schema);
      const byName = new Map(listed.map((x) => [x.identifier.toLowerCase(), x.type]));
      expect(byName.get('intro_t')).toBe('table');
      expect(byName.get('intro_v')).toBe('view');
      expect(await conn.getRelation(rel('no_such_relation'))).toBeUndefined();
      await conn.execute(dialect.addColumn(rel('intro_t'), { name: 'extra', dataType: dialect.typeName('float') }));
      const cols = await conn.getColumns(rel('intro_t'));
      expect(cols.map((c) => c.name.toLowerCase())).toEqual(['id', 'name', 'extra']);
      await conn.execute(dialect.dropColumn(rel('intro_t'), dialect.normalizeIdentifier('extra')));
      expect((await conn.getColumns(rel('intro_t'))).length).toBe(2);
    });

    it('round-trips every portable type through literals', async () => {
      const cases: [Parameters<Dialect['typeName']>[0], unknown, (v: unknown) => unknown][] = [
        ['string', "it's ünïcode", String],
        ['int', 42, Number],
        ['bigint', 9007199254740991, Number],
        ['boolean', true, Boolean],
        ['float', 1.5, Number],
        ['numeric', '12345.678901', (v) => Number(v).toFixed(6)],
        ['date', '2024-02-29', (v) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10)],
        ['timestamp', '2024-02-29 13:14:15', (v) => (v instanceof Date ? v.toISOString() : String(v)).replace('T', ' ').slice(0, 19)],
      ];
      const select = cases.map(([t, v], i) => `cast(${dialect.literal(v)} as ${dialect.typeName(t)}) as c${i}`).join(', ');
      await conn.execute(dialect.createTableAs(rel('types_t'), `select ${select}`));
      const row = (await conn.execute(`select * from ${r('types_t')}`)).rows[0]!;
      cases.forEach(([, v, norm], i) => expect(norm(row[i]), `column ${cases[i]![0]}`).toEqual(norm(v)));
      await conn.execute(dialect.insertInto(rel('types_t'), cases.map((_, i) => `c${i}`), `select ${cases.map(() => 'null').join(', ')}`));
      expect((await conn.execute(`select * from ${r('types_t')} where c0 is null`)).rows[0]!.every((v) => v === null)).toBe(true);
    });

    it('bulk-loads rows fed in chunks, with nulls, quotes and unicode', async () => {
      if (!dialect.capabilities.bulkLoad || !conn.bulkLoad) return;
      const columns = [
        { name: 'id', dataType: dialect.typeName('int') },
        { name: 'label', dataType: dialect.typeName('string') },
        { name: 'amount', dataType: dialect.typeName('float') },
      ];
      await conn.execute(`create table ${r('bulk_t')} (${columns.map((c) => `${dialect.quote(dialect.normalizeIdentifier(c.name))} ${c.dataType}`).join(', ')})`);
      async function* chunks() {
        for (let c = 0; c < 5; c++) yield Array.from({ length: 1000 }, (_, i) => [c * 1000 + i, i % 10 === 0 ? null : `ro"w, 'ü' ${i}`, i / 4]);
      }
      const loaded = await conn.bulkLoad(rel('bulk_t'), columns.map((c) => ({ ...c, name: dialect.normalizeIdentifier(c.name) })), chunks());
      expect(loaded).toBe(5000);
      const [n, nulls, maxId] = (await conn.execute(`select count(*), count(*) - count(label), max(id) from ${r('bulk_t')}`)).rows[0]!;
      expect([Number(n), Number(nulls), Number(maxId)]).toEqual([5000, 500, 4999]);
      const sample = (await conn.execute(`select label from ${r('bulk_t')} where id = 1`)).rows[0]![0];
      expect(sample).toBe(`ro"w, 'ü' 1`);
    });
  });
}
