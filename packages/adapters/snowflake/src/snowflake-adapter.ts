import type { Adapter } from '@tsdbt/core';
import { parseSnowflakeConfig, snowflakeSafeJson } from './snowflake-config.js';
import type { SnowflakeConfig } from './snowflake-config.js';
import { SnowflakeConnection } from './snowflake-connection.js';
import { SnowflakeDialect, snowflakeCapabilities } from './snowflake-dialect.js';

/** Snowflake through `snowflake-sdk`, loaded only when a Snowflake target connects. */
export const snowflakeAdapter: Adapter<SnowflakeConfig> = {
  name: 'snowflake',
  capabilities: snowflakeCapabilities,
  parseConfig: parseSnowflakeConfig,
  toSafeJson: snowflakeSafeJson,
  createDialect: (config) => new SnowflakeDialect({ defaultQueryTag: config.queryTag }),
  connect: (config) => SnowflakeConnection.open(config),
};
