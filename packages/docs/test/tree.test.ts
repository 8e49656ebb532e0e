import { describe, expect, it } from 'vitest';
import { buildPayload } from '../src/build-payload.js';
import { databaseTree, projectTree, visibleRows } from '../src/site/tree.js';
import { salesManifest } from './fixtures/sales-manifest.js';

const nodes = buildPayload({ manifest: salesManifest() }).payload.nodes;
const labels = (rows: { depth: number; label: string }[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.label}`);

describe('the project and database trees', () => {
  it('groups by package and folder, sources under Sources, tests left out, folders first and sorted', () => {
    const tree = projectTree(nodes);
    const open = new Set(['p/sales_analytics', 'p/sales_analytics/models', 'p/sales_analytics/Sources']);
    expect(labels(visibleRows(tree, open))).toEqual([
      'sales_analytics', '  models', '    marts', '    staging', '    sales_dashboard', '  seeds', '  snapshots', '  Sources', '    adventureworks',
    ]);
    const all = visibleRows(tree, new Set([...open, 'p/sales_analytics/models/marts']));
    expect(all.filter((r) => r.nodeId?.startsWith('test.'))).toEqual([]);
    expect(all.find((r) => r.label === 'fact_sales')).toMatchObject({ depth: 3, nodeId: 'model.sales_analytics.fact_sales', type: 'model' });
  });

  it('groups relations by database and schema', () => {
    const rows = visibleRows(databaseTree(nodes), new Set(['d/warehouse']));
    expect(labels(rows)).toEqual(['warehouse', '  analytics', '  snapshots', '  staging']);
    const staging = visibleRows(databaseTree(nodes), new Set(['d/warehouse', 'd/warehouse/staging'])).filter((r) => r.depth === 2).map((r) => r.label);
    expect(staging).toContain('stg_customers');
    expect(staging).toContain('sales_order_header');
  });
});
