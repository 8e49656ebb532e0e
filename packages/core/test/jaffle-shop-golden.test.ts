import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileNode, parseProject } from '@tsdbt/core';
import { tempTarget } from './helpers.js';

const projectDir = fileURLToPath(new URL('../../../examples/jaffle_shop', import.meta.url));
const goldenDir = fileURLToPath(new URL('./golden/jaffle_shop', import.meta.url));
// UPDATE_GOLDEN=1 rewrites the files; review the diff: they are the SQL dbt-core produces for this project.
const update = process.env.UPDATE_GOLDEN === '1';

describe('examples/jaffle_shop compiles to the SQL dbt produces', () => {
  it('matches the golden compiled SQL of every model, test, analysis and snapshot', async () => {
    const project = await parseProject({ projectDir, targetPath: tempTarget() });
    const ids = Object.keys(project.manifest.nodes).filter((id) => !id.startsWith('seed.')).sort();
    expect(ids.length).toBe(28);
    for (const id of ids) {
      const sql = await compileNode(project, id, { execute: true });
      const node = project.manifest.nodes[id]!;
      const file = join(goldenDir, node.test_metadata ? join(node.original_file_path, node.path) : node.original_file_path);
      if (update) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, sql);
      }
      expect(existsSync(file), `golden file for ${id}`).toBe(true);
      expect(sql, id).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('derives dbt unique_ids, aliases and parent maps', async () => {
    const { manifest } = await parseProject({ projectDir, targetPath: tempTarget() });
    expect(Object.keys(manifest.nodes)).toEqual(
      expect.arrayContaining([
        'test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
        'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
        'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d',
        'snapshot.jaffle_shop.orders_snapshot',
        'analysis.jaffle_shop.payments_by_method',
        'test.jaffle_shop.assert_order_amount_not_negative',
      ]),
    );
    const av = manifest.nodes['test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3']!;
    expect(av.alias).toBe('accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758');
    expect(av.attached_node).toBe('model.jaffle_shop.orders');
    expect(av.column_name).toBe('status');
    expect(av.test_metadata).toEqual({
      name: 'accepted_values',
      namespace: null,
      kwargs: { column_name: 'status', values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'], model: "{{ get_where_subquery(ref('orders')) }}" },
    });
    const rel = manifest.nodes['test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2']!;
    expect(rel.depends_on.nodes.sort()).toEqual(['model.jaffle_shop.customers', 'model.jaffle_shop.orders']);
    expect(manifest.parent_map['model.jaffle_shop.orders']).toEqual(['model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments']);
    expect(manifest.nodes['model.jaffle_shop.orders']!.columns.status!.description).toContain('Orders can be one of the following statuses');
    expect(manifest.nodes['snapshot.jaffle_shop.orders_snapshot']!.schema).toBe('snapshots');
    expect(manifest.nodes['seed.jaffle_shop.raw_orders']!.schema).toBe('main_raw');
    expect(manifest.nodes['model.jaffle_shop.stg_orders']!.config.materialized).toBe('view');
    expect(manifest.nodes['model.jaffle_shop.orders']!.config.materialized).toBe('table');
    expect(manifest.macros['macro.jaffle_shop.cents_to_dollars']).toMatchObject({ description: expect.stringContaining('cents to dollars'), patch_path: 'jaffle_shop://macros/schema.yml' });
  });
});
