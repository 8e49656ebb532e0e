import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/parse/parse-project.js';
import { buildEdgeMaps } from '../../src/graph/index.js';
import { listLines, loadProjectSelectors, select } from '../../src/selection/index.js';

const projectDir = fileURLToPath(new URL('../../../../test/fixtures/projects/selection-shop', import.meta.url));

async function manifest() {
  return (await parseProject({ projectDir, profilesDir: projectDir })).manifest;
}

describe('selection on a parsed fixture project (selection-shop)', () => {
  it('lists every resource but analyses, as dbt ls does by default', async () => {
    const m = await manifest();
    const { selected } = select(m, { select: ['*', 'source:*'], resourceTypes: ['default'] });
    const lines = listLines(m, selected);
    expect(lines).toContain('selection_shop.marts.finance.revenue');
    expect(lines).toContain('source:selection_shop.raw.orders');
    expect(lines).toContain('selection_shop.country_codes');
    expect(lines.some((l) => l.includes('explore'))).toBe(false);
    expect(lines.filter((l) => l.includes('not_null'))).toHaveLength(1);
  });

  it('+revenue follows refs and sources through the real parser', async () => {
    const m = await manifest();
    const names = listLines(m, select(m, { select: ['+revenue'], resourceTypes: ['model', 'seed', 'source'] }).selected, 'name');
    // Sorted by unique id, as dbt ls prints: models, then the seed, then sources.
    expect(names).toEqual(['orders', 'revenue', 'stg_customers', 'stg_orders', 'country_codes', 'raw.customers', 'raw.orders']);
  });

  it('the default selector from selectors.yml applies without --select; its Jinja is rendered', async () => {
    const project = await parseProject({ projectDir, profilesDir: projectDir });
    const ids = select(project.manifest, { selectors: loadProjectSelectors(project), indirectSelection: 'empty' }).selected;
    expect(listLines(project.manifest, ids, 'name')).toEqual(['orders']);
  });

  it('a selector value from var(), and no default selector on another target', async () => {
    const project = await parseProject({ projectDir, profilesDir: projectDir, vars: '{selection_tag: staging}', target: 'prod' });
    const selectors = loadProjectSelectors(project);
    expect(selectors.find((s) => s.name === 'nightly')!.default).toBe(false);
    const ids = select(project.manifest, { selector: 'by_var', selectors }).selected;
    expect(listLines(project.manifest, ids, 'name')).toEqual(['stg_customers', 'stg_orders']);
    expect(select(project.manifest, { selectors, resourceTypes: ['model'] }).selected).toHaveLength(5);
  });

  it('tests attach by their depends_on, and parent/child maps agree with the graph', async () => {
    const m = await manifest();
    const tests = listLines(m, select(m, { select: ['orders'], resourceTypes: ['test'] }).selected, 'name');
    expect(tests).toHaveLength(2);
    const { child_map } = buildEdgeMaps(m);
    const ordersId = Object.keys(m.nodes).find((id) => id.endsWith('.orders'))!;
    expect(child_map[ordersId]!.some((id) => id.startsWith('model.') && id.endsWith('.revenue'))).toBe(true);
  });
});
