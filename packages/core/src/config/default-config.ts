import type { NodeConfig, ResourceType } from '../manifest/types.js';

const COMMON = (): NodeConfig => ({
  enabled: true,
  alias: null,
  schema: null,
  database: null,
  tags: [],
  meta: {},
  group: null,
  materialized: 'view',
  incremental_strategy: null,
  persist_docs: {},
  pre_hook: [],
  post_hook: [],
  quoting: {},
  column_types: {},
  full_refresh: null,
  unique_key: null,
  on_schema_change: 'ignore',
  on_configuration_change: 'apply',
  grants: {},
  packages: [],
  docs: { show: true, node_color: null },
  contract: { enforced: false, alias_types: true },
});

/** dbt's default config for each resource type, before dbt_project.yml, property YAML and config() apply. */
export function defaultConfig(type: ResourceType): NodeConfig {
  const base = COMMON();
  switch (type) {
    // Only models have access (dbt's ModelConfig): `access:protected` must not select seeds or snapshots.
    case 'model':
      base.access = 'protected';
      return base;
    case 'seed':
      return { ...base, materialized: 'seed', delimiter: ',', quote_columns: null };
    // dbt's TestConfig: no hooks, quoting or persist_docs (manifest.json lists exactly these keys for a test).
    case 'test':
      return {
        enabled: true, alias: null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, group: null,
        materialized: 'test', severity: 'ERROR', store_failures: null, store_failures_as: null, where: null, limit: null,
        fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0',
      };
    case 'snapshot':
      return { ...base, materialized: 'snapshot', strategy: null, target_schema: null, target_database: null, updated_at: null, check_cols: null, hard_deletes: 'ignore' };
    default:
      return base;
  }
}
