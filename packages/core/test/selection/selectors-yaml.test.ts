import { describe, expect, it } from 'vitest';
import { isTsdbtError } from '../../src/diagnostics/diagnostic.js';
import { parseSelectorsYaml, selectNodes } from '../../src/selection/index.js';
import { names, shop } from './helpers/shop.js';

const YAML = `
selectors:
  - name: nightly_models
    description: Nightly models only
    definition: 'tag:nightly+1'
  - name: staging_and_children
    definition:
      method: path
      value: models/staging
      children: true
      children_depth: 1
      indirect_selection: empty
  - name: marts_without_finance
    definition:
      union:
        - method: fqn
          value: marts
        - exclude:
            - 'marts.finance'
            - tag: nightly
  - name: upstream_of_revenue
    definition:
      method: fqn
      value: revenue
      parents: true
      parents_depth: 1
  - name: both
    definition:
      intersection:
        - method: selector
          value: upstream_of_revenue
        - method: resource_type
          value: model
          indirect_selection: empty
  - name: everything_downstream
    definition:
      method: tag
      value: staging
      childrens_parents: true
  - name: shorthand
    definition:
      union:
        - tag: staging
        - 'selector:nightly_models'
  - name: cautious_orders
    definition:
      method: fqn
      value: orders
      indirect_selection: cautious
  - name: nightly_default
    default: true
    definition:
      method: tag
      value: nightly
      exclude:
        - stg_orders
`;

const selectors = parseSelectorsYaml(YAML, 'selectors.yml');
const run = (selector?: string, select?: string[]) => names(selectNodes(shop(), { selector, select, selectors })).sort();

describe('selectors.yml', () => {
  it('a CLI-style string definition (one criterion with its graph operators, as dbt parses it)', () => {
    expect(run('nightly_models')).toEqual(
      ['assert_revenue_positive', 'explore', 'not_null_stg_orders_id', 'orders', 'orders_snapshot', 'relationships_orders_customer_id__id__ref_customers_', 'revenue', 'stg_orders', 'unique_orders_id', 'ut_orders_total'],
    );
  });

  it('method/value with children, children_depth and indirect_selection', () => {
    // path: also takes the sources and the test defined in models/staging/*.yml; `empty` adds no tests of children.
    expect(run('staging_and_children')).toEqual(['customers', 'not_null_stg_orders_id', 'orders', 'orders_snapshot', 'raw.customers', 'raw.orders', 'stg_customers', 'stg_orders']);
  });

  it('union with exclude, key/value shorthand inside', () => {
    expect(run('marts_without_finance')).toEqual(['customers']);
  });

  it('parents with parents_depth', () => {
    expect(run('upstream_of_revenue')).toEqual(['assert_revenue_positive', 'orders', 'revenue', 'unique_orders_id', 'ut_orders_total', 'relationships_orders_customer_id__id__ref_customers_'].sort());
  });

  it('intersection with a nested selector (method: selector)', () => {
    expect(run('both')).toEqual(['orders', 'revenue']);
  });

  it('childrens_parents', () => {
    expect(run('everything_downstream')).toContain('country_codes');
  });

  it('the one-key shorthand and selector: in a string', () => {
    expect(run('shorthand')).toEqual(expect.arrayContaining(['stg_customers', 'stg_orders', 'orders']));
  });

  it('indirect_selection per definition', () => {
    expect(run('cautious_orders')).toEqual(['orders', 'unique_orders_id', 'ut_orders_total']);
  });

  it('the default selector applies when neither --select nor --exclude is given', () => {
    expect(run()).toEqual(['orders', 'relationships_orders_customer_id__id__ref_customers_', 'unique_orders_id', 'ut_orders_total']);
    expect(run(undefined, ['customers'])).toEqual(['customers', 'relationships_orders_customer_id__id__ref_customers_']);
  });

  it('--select selector:name works like --selector, then expands to tests like any criterion', () => {
    expect(run(undefined, ['selector:both'])).toEqual(['assert_revenue_positive', 'orders', 'relationships_orders_customer_id__id__ref_customers_', 'revenue', 'unique_orders_id', 'ut_orders_total']);
  });

  it('accepts manifest.selectors (keyed by name), passed or read from the manifest itself', () => {
    const keyed = Object.fromEntries(selectors.map((s) => [s.name, s]));
    expect(names(selectNodes(shop(), { selector: 'both', selectors: keyed })).sort()).toEqual(['orders', 'revenue']);
    const stored = shop();
    stored.selectors = { mine: { definition: 'fqn:revenue' } };
    expect(names(selectNodes(stored, { selector: 'mine', indirectSelection: 'empty' }))).toEqual(['revenue']);
  });
});

describe("the docs' full example, in both styles", () => {
  // dbt's docs: `--select @source:snowplow,tag:nightly models/export --exclude package:snowplow,config.materialized:incremental export_performance_timing`
  const cli = parseSelectorsYaml(
    `selectors:
  - name: cli_style
    definition:
      union:
        - intersection:
            - '@source:raw'
            - 'tag:nightly'
        - 'models/marts/finance'
        - exclude:
            - intersection:
                - 'package:shop'
                - 'config.materialized:table'
            - stg_orders
  - name: full_yaml
    definition:
      union:
        - intersection:
            - method: source
              value: raw
              childrens_parents: true
            - method: tag
              value: nightly
        - method: path
          value: models/marts/finance
        - exclude:
            - intersection:
                - method: package
                  value: shop
                - method: config.materialized
                  value: table
            - method: fqn
              value: stg_orders
`,
    'selectors.yml',
  );
  const flags = names(selectNodes(shop(), {
    select: ['@source:raw,tag:nightly models/marts/finance'],
    exclude: ['package:shop,config.materialized:table stg_orders'],
  })).sort();

  it('CLI-style and full YAML select what the flags select', () => {
    expect(flags).toEqual(['assert_revenue_positive', 'revenue']);
    expect(names(selectNodes(shop(), { selector: 'cli_style', selectors: cli })).sort()).toEqual(flags);
    expect(names(selectNodes(shop(), { selector: 'full_yaml', selectors: cli })).sort()).toEqual(flags);
  });
});

describe('selectors.yml errors', () => {
  const fail = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (isTsdbtError(e)) return e;
      throw e;
    }
    throw new Error('expected a TsdbtError');
  };

  it('an unknown selector name: coded error with the closest name as hint, exit 2', () => {
    const e = fail(() => run('nightly_model'));
    expect(e.code).toBe('TSDBT_SELECTOR_NOT_FOUND');
    expect(e.exitCode).toBe(2);
    expect(e.diagnostics[0]!.hint).toContain('nightly_models');
  });

  it('an unknown method inside a selector names selectors.yml and the line', () => {
    const bad = parseSelectorsYaml('selectors:\n  - name: ok\n    definition: tag:x\n  - name: bad\n    definition:\n      method: tags\n      value: x\n', 'selectors.yml');
    const e = fail(() => selectNodes(shop(), { selector: 'bad', selectors: bad }));
    expect(e.code).toBe('TSDBT_SELECTOR_UNKNOWN_METHOD');
    expect(e.diagnostics[0]).toMatchObject({ file: 'selectors.yml', line: 4 });
    expect(e.diagnostics[0]!.hint).toContain('"tag:"');
  });

  it('a nested selector that does not exist names the file and line', () => {
    const bad = parseSelectorsYaml('selectors:\n  - name: a\n    definition:\n      method: selector\n      value: missing\n', 'selectors.yml');
    const e = fail(() => selectNodes(shop(), { selector: 'a', selectors: bad }));
    expect(e.code).toBe('TSDBT_SELECTOR_NOT_FOUND');
    expect(e.diagnostics[0]).toMatchObject({ file: 'selectors.yml', line: 2 });
  });

  it('a selector that refers to itself', () => {
    const bad = parseSelectorsYaml('selectors:\n  - name: a\n    definition: {method: selector, value: b}\n  - name: b\n    definition: {method: selector, value: a}\n', 'selectors.yml');
    expect(fail(() => selectNodes(shop(), { selector: 'a', selectors: bad })).message).toMatch(/a → b → a/);
  });

  it('two defaults, a missing definition, two root keys, bad YAML', () => {
    expect(fail(() => parseAndSelect('selectors:\n  - {name: a, default: true, definition: x}\n  - {name: b, default: true, definition: y}\n')).message).toMatch(/Only one selector may be the default/);
    expect(fail(() => parseAndSelect('selectors:\n  - name: a\n')).message).toMatch(/no "definition"/);
    expect(fail(() => parseAndSelect('selectors:\n  - name: a\n    definition:\n      union: [x]\n      intersection: [y]\n', 'a')).message).toMatch(/Only one 'union' or 'intersection'/);
    const yamlError = fail(() => parseAndSelect('selectors:\n  - name: a\n    definition: [unclosed\n'));
    expect(yamlError).toMatchObject({ code: 'TSDBT_SELECTORS_YAML', exitCode: 2 });
    expect(yamlError.diagnostics[0]!.line).toBeGreaterThan(0);
  });
});

function parseAndSelect(text: string, selector?: string) {
  return selectNodes(shop(), { selector, selectors: parseSelectorsYaml(text, 'selectors.yml') });
}
