import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileNode, parseProject } from '@tsdbt/core';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/projects/${name}`, import.meta.url));

describe('parseProject on core_basic', () => {
  it('builds nodes, tests, config precedence and dependencies', async () => {
    const p = await parseProject({ projectDir: fixture('core_basic') });
    const m = p.manifest;
    const orders = m.nodes['model.core_basic.orders']!;
    expect(orders.config.materialized).toBe('incremental');
    expect(orders.config.tags).toEqual(['mart', 'finance']);
    expect(orders.schema).toBe('main_marts');
    expect(orders.depends_on.nodes.sort()).toEqual(['model.core_basic.stg_customers', 'model.core_basic.stg_orders']);
    expect(m.nodes['model.core_basic.stg_orders']!.description).toBe('Orders, one row per order, cleaned.');
    expect(Object.keys(m.nodes).filter((k) => k.startsWith('test.')).sort()).toMatchInlineSnapshot(`
      [
        "test.core_basic.accepted_values_stg_orders_status__placed__shipped__returned.b52273e597",
        "test.core_basic.assert_positive",
        "test.core_basic.not_null_orders_order_id.cf6c17daed",
        "test.core_basic.not_null_stg_orders_order_id.81cfe2fe64",
        "test.core_basic.relationships_stg_orders_customer_id__customer_id__ref_stg_customers_.430bf21500",
        "test.core_basic.unique_stg_orders_order_id.e3b841c71a",
      ]
    `);
  });

  it('compiles with ephemeral CTEs', async () => {
    const p = await parseProject({ projectDir: fixture('core_basic') });
    const sql = await compileNode(p, 'model.core_basic.orders', { execute: true });
    expect(sql).toMatchInlineSnapshot(`
      "

      with __dbt__cte__stg_customers as (

      select id as customer_id, name from "memory"."main_raw"."raw_customers"
      )select
          o.order_id,
          c.name as customer_name,
          
          sum(case when o.status = 'placed' then o.amount else 0 end) as placed_amount,
          
          sum(case when o.status = 'shipped' then o.amount else 0 end) as shipped_amount
          
      from "memory"."main"."stg_orders" as o
      join __dbt__cte__stg_customers as c using (customer_id)
      group by 1, 2"
    `);
  });
});
