import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, governanceProject, tsdbt } from './governance-fixture.js';

const GROUPS = `groups:
  - name: finance
    owner: {name: Finance}
  - name: marketing
    owner: {email: mkt@example.com}
models:
  - name: secret
    config:
      group: finance
      access: private
    columns:
      - name: id
        data_tests:
          - not_null
          - relationships: {to: ref('secret'), field: id}
  - name: ally
    config:
      group: finance
  - name: rival
    config:
      group: marketing
    columns:
      - name: id
        data_tests:
          - relationships:
              to: ref('secret')
              field: id
`;

const privateMessage = (from: string) =>
  `Node ${from} attempted to reference node model.shop.secret, which is not allowed because the referenced node is private to the 'finance' group.`;

describe.skipIf(!existsSync(bin))('model access: refs to private models', () => {
  it('allows refs from the group, its tests and its grouped singular tests', () => {
    const dir = governanceProject({
      'models/groups.yml': GROUPS.replace(/  - name: rival[\s\S]*/, ''),
      'models/secret.sql': 'select 1 as id\n',
      'models/ally.sql': "select * from {{ ref('secret') }}\n",
      'tests/secret_check.sql': "{{ config(group='finance') }}\nselect * from {{ ref('secret') }} where id < 0\n",
    });
    const r = tsdbt(dir, 'parse');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports every ref from outside the group in one compile, at the ref, with exit 2', () => {
    const dir = governanceProject({
      'models/groups.yml': GROUPS,
      'models/exposures.yml': `exposures:
  - name: board
    type: dashboard
    owner: {email: ceo@example.com}
    depends_on:
      - ref('ally')
      - ref('secret')
`,
      'models/secret.sql': 'select 1 as id\n',
      'models/ally.sql': "select * from {{ ref('secret') }}\n",
      'models/rival.sql': "select 1 as id\n",
      'models/leak.sql': "-- reads the ledger\nselect *\nfrom {{ ref('secret') }}\n",
      'tests/loose_check.sql': "select * from {{ ref('secret') }} where id < 0\n",
    });
    const r = tsdbt(dir, 'compile');
    expect(r.status).toBe(2);
    const err = r.stderr;
    expect(err).toContain(`models/leak.sql:3:9: error TSDBT_REF_PRIVATE: ${privateMessage('model.shop.leak')}`);
    expect(err).toContain("hint: Put model 'leak' in group 'finance' (config 'group'), or make 'secret' protected or public (config 'access').");
    expect(err).toContain(`tests/loose_check.sql:1:18: error TSDBT_REF_PRIVATE: ${privateMessage('test.shop.loose_check')}`);
    // A generic test of another group's model, placed at its ref in the YAML.
    expect(err).toMatch(/models\/groups\.yml:26:19: error TSDBT_REF_PRIVATE: Node test\.shop\.relationships_rival_id__id__ref_secret_\.\w+ attempted to reference node model\.shop\.secret/);
    // Exposures have no group: a private model is never theirs to ref.
    expect(err).toContain(`models/exposures.yml:7:9: error TSDBT_REF_PRIVATE: ${privateMessage('exposure.shop.board')}`);
    expect(err.match(/error TSDBT_REF_PRIVATE/g)).toHaveLength(4);
    expect(err).not.toContain('model.shop.ally attempted');
  });

  it('an ungrouped private model cannot be ref-ed by anything', () => {
    const dir = governanceProject({
      'models/schema.yml': 'models:\n  - name: alone\n    access: private\n',
      'models/alone.sql': 'select 1 as id\n',
      'models/user.sql': "select * from {{ ref('alone') }}\n",
    });
    const r = tsdbt(dir, 'parse');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "models/user.sql:1:18: error TSDBT_REF_PRIVATE: Node model.shop.user attempted to reference node model.shop.alone, which is not allowed because the referenced node is private to the '' group.",
    );
  });
});

describe.skipIf(!existsSync(bin))('model access: restrict-access packages', () => {
  const pkg = (restrict: boolean) => ({
    'packages.yml': 'packages:\n  - local: ../vendor\n',
    '../vendor/dbt_project.yml': `name: vendor\nversion: '1.0'\nconfig-version: 2\n${restrict ? 'restrict-access: true\n' : ''}`,
    '../vendor/models/schema.yml': `groups:
  - name: core
    owner: {name: Vendor}
models:
  - name: vendor_internal
    access: protected
  - name: vendor_api
    access: public
  - name: vendor_private
    config: {group: core, access: private}
`,
    '../vendor/models/vendor_internal.sql': 'select 1 as id\n',
    '../vendor/models/vendor_api.sql': "select * from {{ ref('vendor_internal') }}\n",
    '../vendor/models/vendor_private.sql': 'select 1 as id\n',
  });

  it('a protected model of a restrict-access package is refused from another package', () => {
    const dir = governanceProject({
      ...pkg(true),
      'dbt_project.yml': "name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\nmodels:\n  shop:\n    +group: core\n",
      'models/groups.yml': 'groups:\n  - name: core\n    owner: {name: Shop}\n',
      'models/uses_api.sql': "select * from {{ ref('vendor', 'vendor_api') }}\n",
      'models/uses_internal.sql': "select * from {{ ref('vendor', 'vendor_internal') }}\n",
      'models/uses_private.sql': "select * from {{ ref('vendor_private') }}\n",
    });
    const r = tsdbt(dir, 'compile');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "models/uses_internal.sql:1:18: error TSDBT_REF_PROTECTED: Node model.shop.uses_internal attempted to reference node model.vendor.vendor_internal, which is not allowed because the referenced node is protected to the 'vendor' package.",
    );
    expect(r.stderr).toContain("hint: Package 'vendor' sets restrict-access: true;");
    // Same group name, another package: restrict-access keeps the private model inside its package.
    expect(r.stderr).toContain(
      "models/uses_private.sql:1:18: error TSDBT_REF_PRIVATE: Node model.shop.uses_private attempted to reference node model.vendor.vendor_private, which is not allowed because the referenced node is private to the 'core' group.",
    );
    expect(r.stderr).not.toContain('uses_api');
    expect(r.stderr.match(/ error TSDBT_/g)).toHaveLength(2);
  });

  it('without restrict-access, protected models of a package can be ref-ed', () => {
    const dir = governanceProject({ ...pkg(false), 'models/uses_internal.sql': "select * from {{ ref('vendor', 'vendor_internal') }}\n" });
    const r = tsdbt(dir, 'parse');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
