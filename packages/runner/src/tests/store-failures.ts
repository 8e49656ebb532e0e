import { TsdbtError } from '@tsdbt/core';
import type { NodeConfig } from '@tsdbt/core';

/** What a data test keeps its failing rows in: nothing, a table or a view. */
export type StoreFailuresAs = 'table' | 'view' | undefined;

const ACCEPTED = ['ephemeral', 'table', 'view'];

/**
 * dbt's rules, in the order dbt applies them: `store_failures_as` set decides `store_failures` (`ephemeral` off,
 * anything else on: TestConfig.__post_init__); a `store_failures` still unset falls back to `--store-failures`
 * (should_store_failures); then the test materialization stores as `store_failures_as`, `table` when unset, and
 * refuses any other value at run time (not at parse, so the other tests still run).
 */
export function storeFailuresAs(config: NodeConfig, flag: boolean): StoreFailuresAs {
  const as = (config.store_failures_as as string | null | undefined) ?? undefined;
  const configured = as !== undefined ? as !== 'ephemeral' : (config.store_failures ?? undefined);
  if (!(configured ?? flag)) return undefined;
  const kind = as ?? 'table';
  if (kind !== 'table' && kind !== 'view') {
    throw new TsdbtError('TSDBT_STORE_FAILURES_AS', `'${kind}' is not a valid value for \`store_failures_as\`. Accepted values are: [${ACCEPTED.map((a) => `'${a}'`).join(', ')}]`, {
      hint: 'Set store_failures_as to table, view or ephemeral.',
    });
  }
  return kind;
}
