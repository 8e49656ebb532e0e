import type { CreateOptions, NodeConfig } from '@tsdbt/core';

const list = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
};

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : typeof value === 'string' ? value.toLowerCase() === 'true' : undefined);

/** A table's warehouse options from its config (dbt-snowflake's `transient`, `cluster_by`, `copy_grants`). */
export function tableOptions(config: NodeConfig): CreateOptions {
  const out: CreateOptions = {};
  const transient = flag(config.transient);
  if (transient !== undefined) out.transient = transient;
  const clusterBy = list(config.cluster_by);
  if (clusterBy) out.clusterBy = clusterBy;
  if (flag(config.copy_grants)) out.copyGrants = true;
  return out;
}

/** A view's warehouse options from its config (dbt-snowflake's `secure`, `copy_grants`). */
export function viewOptions(config: NodeConfig): CreateOptions {
  const out: CreateOptions = {};
  if (flag(config.secure)) out.secure = true;
  if (flag(config.copy_grants)) out.copyGrants = true;
  return out;
}
