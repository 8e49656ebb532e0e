export { snowflakeAdapter as adapter, snowflakeAdapter } from './snowflake-adapter.js';
export { SnowflakeDialect, snowflakeCapabilities } from './snowflake-dialect.js';
export { parseSnowflakeConfig, snowflakeSafeJson } from './snowflake-config.js';
export type { SnowflakeConfig, SnowflakeAuthenticator } from './snowflake-config.js';
export { SessionPool } from './snowflake-pool.js';
export { wrapSnowflakeError } from './snowflake-errors.js';
