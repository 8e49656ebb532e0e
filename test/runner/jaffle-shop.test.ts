import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapter } from '@tsdbt/adapter-duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsdbt } from './run-tsdbt.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/jaffle_shop/', import.meta.url));

/** Parse a small seed CSV by hand (no quoting in these files) to compute expectations independently of tsdbt. */
function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(EXAMPLE, 'seeds', `${name}.csv`), 'utf8').trim().split(/\r?\n/u);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

describe('examples/jaffle_shop builds with tsdbt build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-jaffle-'));
  let result: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/(target|logs|\.duckdb)$/u.test(src) });
    process.env.JAFFLE_SHOP_DB = 'jaffle_shop.duckdb';
    result = await runTsdbt(dir, ['build']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const query = async (sql: string) => {
    const conn = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: 'jaffle_shop.duckdb' }, 'check', { projectDir: dir }));
    try {
      return (await conn.execute(sql)).rows;
    } finally {
      await conn.close();
    }
  };

  it('passes every seed, model, snapshot and test', () => {
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/u);
  });

  it('customers hold the order counts and lifetime values the seeds imply', async () => {
    const orders = csv('raw_orders');
    const payments = csv('raw_payments');
    const customerOf = new Map(orders.map((o) => [o.id, o.user_id]));
    const expected = csv('raw_customers').map((c) => {
      const own = orders.filter((o) => o.user_id === c.id);
      const cents = payments.filter((p) => customerOf.get(p.order_id) === c.id).reduce((s, p) => s + Number(p.amount), 0);
      return [Number(c.id), own.length || null, own.length ? cents / 100 : null];
    });
    const rows = await query('select customer_id, number_of_orders, customer_lifetime_value from main.customers order by customer_id');
    expect(rows.map(([id, n, v]) => [id, n, v === null ? null : Number(v)])).toEqual(expected);
  });

  it('the seeds landed in the configured raw schema', async () => {
    expect(await query('select count(*) from main_raw.raw_orders')).toEqual([[csv('raw_orders').length]]);
  });
});
