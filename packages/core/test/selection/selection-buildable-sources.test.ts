import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../src/selection/index.js';
import { names, shopBuilder } from './helpers/shop.js';

/** A test reading customers, revenue and a source neither of them reads (raw.rates). */
const manifest = () =>
  shopBuilder()
    .source('raw', 'rates', { path: 'staging/sources.yml' })
    .test('assert_rates_match', { on: ['customers', 'revenue'], sources: [['raw', 'rates']] })
    .build();

const run = (select: string[]) => names(selectNodes(manifest(), { select, indirectSelection: 'buildable' }));

describe('buildable indirect selection and sources (dbt expand_selection / incorporate_indirect_nodes)', () => {
  it('expansion counts every source as buildable: all parents of one criterion selected → the test comes', () => {
    expect(run(['customers+ revenue+'])).toContain('assert_rates_match');
  });

  it("a union's waiting test is taken only when its parents are selected or upstream: an unread source is neither", () => {
    // Each criterion leaves the test waiting (customers lacks revenue and the reverse); the union then has both models,
    // but raw.rates is upstream of neither, and dbt's incorporation does not count sources as built.
    expect(run(['customers', 'revenue'])).not.toContain('assert_rates_match');
  });
});
