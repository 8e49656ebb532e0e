import { describe, expect, it } from 'vitest';
import { extractChunks, nextState, type ExtractStats } from '../src/pipeline/extract.js';
import type { PlannedTable } from '../src/pipeline/plan-tables.js';
import type { Source } from '../src/sources/source.js';
import { compareCursor } from '../src/pipeline/values.js';

describe('cursor order', () => {
  it('orders BIGINT cursors numerically even when one side is text from the driver or an old state', () => {
    expect(compareCursor(9n, 10n)).toBeLessThan(0);
    expect(compareCursor(9n, '10')).toBeLessThan(0);
    expect(compareCursor('10', 9n)).toBeGreaterThan(0);
    // Text cursors (an nvarchar column) keep text order, as the server compares them.
    expect(compareCursor('9', '10')).toBeGreaterThan(0);
  });

  it('tracks the high-water mark of a BIGINT cursor that tedious returns as strings', async () => {
    const rows = [['9', 'a'], ['10', 'b'], ['2', 'c']];
    const source = { read: async function* () { yield rows.map((r) => [...r]); } } as unknown as Source;
    const plan = {
      source: 'dbo.t',
      columns: [plan0('id'), { source: 'name', logical: { kind: 'string' } }],
      primaryKey: ['id'],
    } as unknown as PlannedTable;
    plan.cursor = plan.columns[0]!;
    const stats: ExtractStats = { rows: 0, skipped: 0, maxCursor: undefined, boundaryKeys: new Set() };
    for await (const chunk of extractChunks(source, plan, { chunkSize: 10, onChunk: () => {} }, stats)) void chunk;
    expect(stats.maxCursor).toBe(10n);
    expect(nextState(stats, { lastValue: '9', boundaryKeys: [] })?.lastValue).toBe(10n);
  });
});

function plan0(name: string) {
  return { source: name, logical: { kind: 'int64' } };
}
