import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, governanceProject, listed, manifestOf, tsdbt } from './governance-fixture.js';

const GROUPS = `groups:
  - name: finance
    owner:
      name: Finance team
      email: finance@example.com
      slack: '#finance'
  - name: marketing
    description: Campaigns
    owner:
      email: [mkt@example.com, growth@example.com]
`;

describe.skipIf(!existsSync(bin))('groups and access: parse and manifest', () => {
  const dir = governanceProject({
    'dbt_project.yml': `name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\nmodels:\n  shop:\n    mkt:\n      +group: marketing\n      +access: public\n`,
    'models/groups.yml': GROUPS,
    'models/fin/schema.yml': `models:
  - name: ledger
    config:
      group: finance
      access: private
    columns:
      - name: id
        data_tests: [not_null]
  - name: plain
    columns:
      - name: id
        data_tests: [unique]
`,
    'models/fin/ledger.sql': 'select 1 as id\n',
    'models/fin/summary.sql': "{{ config(group='finance') }}\nselect * from {{ ref('ledger') }}\n",
    'models/fin/plain.sql': 'select 1 as id\n',
    'models/mkt/campaigns.sql': 'select 2 as id\n',
    'seeds/rates.csv': 'id\n1\n',
    'tests/ledger_rows.sql': "{{ config(group='finance') }}\nselect * from {{ ref('ledger') }} where id is null\n",
  });

  it('writes groups, group_map and the node fields as dbt does', () => {
    const r = tsdbt(dir, 'parse');
    expect(r.status, r.stderr).toBe(0);
    const m = manifestOf(dir);
    expect(m.groups['group.shop.finance']).toEqual({
      name: 'finance', resource_type: 'group', package_name: 'shop', path: 'groups.yml', original_file_path: 'models/groups.yml',
      unique_id: 'group.shop.finance', owner: { name: 'Finance team', email: 'finance@example.com', slack: '#finance' },
      description: null, config: { meta: {} },
    });
    expect(m.groups['group.shop.marketing']).toMatchObject({ description: 'Campaigns', owner: { email: ['mkt@example.com', 'growth@example.com'], name: null } });
    const n = m.nodes;
    // Test ids end in a hash: find them by name.
    const test = (name: string) => Object.entries(n).find(([id]) => id.startsWith(`test.shop.${name}`))![1];
    expect([n['model.shop.ledger']!.group, n['model.shop.ledger']!.access]).toEqual(['finance', 'private']);
    expect([n['model.shop.summary']!.group, n['model.shop.summary']!.access]).toEqual(['finance', 'protected']);
    expect([n['model.shop.plain']!.group, n['model.shop.plain']!.access]).toEqual([null, 'protected']);
    // dbt_project.yml +group / +access.
    expect([n['model.shop.campaigns']!.group, n['model.shop.campaigns']!.access]).toEqual(['marketing', 'public']);
    // A generic test takes its model's group; a singular test its config's. Only models have access.
    expect(test('not_null_ledger_id').group).toBe('finance');
    expect(test('not_null_ledger_id').config.group).toBeNull();
    expect(test('unique_plain_id').group).toBeNull();
    expect(test('ledger_rows').group).toBe('finance');
    expect(n['seed.shop.rates']!.group).toBeNull();
    expect('access' in n['seed.shop.rates']!).toBe(false);
    expect('access' in n['seed.shop.rates']!.config).toBe(false);
    expect(Object.keys(m.group_map)).toEqual(['finance', 'marketing']);
    expect(m.group_map.finance!.map((id) => id.split('.').slice(0, 3).join('.'))).toEqual([
      'model.shop.ledger', 'model.shop.summary', 'test.shop.ledger_rows', 'test.shop.not_null_ledger_id',
    ]);
    expect(m.group_map.marketing).toEqual(['model.shop.campaigns']);
  });

  it('group: and access: select the members and the models', () => {
    expect(listed(dir, '-s', 'group:finance', '--resource-type', 'model')).toEqual(['ledger', 'summary']);
    expect(listed(dir, '-s', 'group:marketing')).toEqual(['campaigns']);
    expect(listed(dir, '-s', 'access:private', '--resource-type', 'model')).toEqual(['ledger']);
    expect(listed(dir, '-s', 'access:public', '--resource-type', 'model')).toEqual(['campaigns']);
    // Seeds have no access: access:protected selects models (and their tests) only.
    expect(listed(dir, '-s', 'access:protected', '--resource-type', 'seed')).toEqual([]);
    expect(listed(dir, '-s', 'access:protected', '--resource-type', 'model')).toEqual(['plain', 'summary']);
  });
});

describe.skipIf(!existsSync(bin))('groups and access: coded errors with file and line', () => {
  it('duplicate group, missing owner, unknown group and invalid access are reported together', () => {
    const dir = governanceProject({
      'dbt_project.yml': `name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\nmodels:\n  shop:\n    +group: sales\n`,
      'models/groups.yml': `groups:
  - name: finance
    owner: {name: A}
  - name: finance
    owner: {email: b@example.com}
  - name: orphan
models:
  - name: odd
    config:
      group: fianance
  - name: eph
    config:
      materialized: ephemeral
      access: public
  - name: bad
    access: secretive
`,
      'models/odd.sql': 'select 1 as id\n',
      'models/eph.sql': 'select 1 as id\n',
      'models/bad.sql': 'select 1 as id\n',
      'models/other.sql': 'select 1 as id\n',
    });
    const r = tsdbt(dir, 'compile');
    expect(r.status).toBe(2);
    const err = r.stderr;
    expect(err).toContain('models/groups.yml:4:5: error TSDBT_GROUP_DUPLICATE: dbt found two groups with the name "finance"');
    expect(err).toContain("models/groups.yml:6:5: error TSDBT_GROUP_OWNER: Group 'orphan' needs an owner");
    expect(err).toContain("models/groups.yml:10:14: error TSDBT_GROUP_UNKNOWN: Invalid group 'fianance', expected one of ['finance'] (model.shop.odd)");
    expect(err).toContain("hint: Did you mean group 'finance'?");
    // The project-wide +group of dbt_project.yml is placed there.
    expect(err).toMatch(/dbt_project\.yml:7:5: error TSDBT_GROUP_UNKNOWN: Invalid group 'sales', expected one of \['finance'\] \(model\.shop\.(eph|bad|other)\)/);
    expect(err).toContain("models/groups.yml:14:15: error TSDBT_ACCESS_INVALID: Node model.shop.eph with 'ephemeral' materialization has an invalid value (public) for the access field");
    expect(err).toContain('models/groups.yml:16:13: error TSDBT_ACCESS_INVALID: Node model.shop.bad has an invalid value (secretive) for the access field');
    expect(existsSync(`${dir}/target/compiled`)).toBe(false);
  });

  it('config(access=...) in the model file is placed at the call', () => {
    const dir = governanceProject({ 'models/m.sql': "{{ config(access='open') }}\nselect 1 as id\n" });
    const r = tsdbt(dir, 'parse');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('models/m.sql:1:11: error TSDBT_ACCESS_INVALID: Node model.shop.m has an invalid value (open) for the access field');
  });
});
