import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import type { AdapterConfigContext, TargetConfig } from '@tsdbt/core';

export type SnowflakeAuthenticator = 'snowflake' | 'externalbrowser' | 'oauth' | 'snowflake_jwt';

/** A Snowflake profile output as dbt-snowflake names its keys, parsed and frozen. */
export interface SnowflakeConfig extends TargetConfig {
  type: 'snowflake';
  account: string;
  user: string;
  password?: string;
  role?: string;
  warehouse?: string;
  authenticator: SnowflakeAuthenticator;
  /** OAuth access token (`authenticator: oauth`). */
  token?: string;
  privateKey?: string;
  privateKeyPath?: string;
  privateKeyPassphrase?: string;
  queryTag?: string;
  clientSessionKeepAlive: boolean;
  connectRetries: number;
  /** Seconds. */
  connectTimeout: number;
  /** Private-link or stand-in endpoint; the driver derives it from `account` otherwise. */
  host?: string;
  port?: number;
  protocol: 'https' | 'http';
}

const KNOWN_KEYS = new Set(['type', 'account', 'user', 'password', 'role', 'database', 'warehouse', 'schema', 'threads', 'authenticator', 'token',
  'private_key', 'private_key_path', 'private_key_passphrase', 'query_tag', 'client_session_keep_alive', 'connect_retries', 'connect_timeout',
  'host', 'port', 'protocol', 'retry_on_database_errors', 'retry_all', 'reuse_connections']);
/** Keys whose values never reach logs, artifacts or `tsdbt debug`. */
export const SECRET_KEYS = ['password', 'token', 'privateKey', 'privateKeyPassphrase'] as const;

export function configError(key: string, message: string, targetName: string): TsdbtError {
  return new TsdbtError('TSDBT_PROFILE_INVALID', `profiles.yml target '${targetName}': '${key}' ${message}`, {
    exitCode: 2,
    hint: `Fix '${key}' in the snowflake output of target '${targetName}'.`,
  });
}

function str(raw: Record<string, unknown>, key: string, targetName: string, required = false): string | undefined {
  const v = raw[key];
  // An empty optional value (e.g. `env_var('SNOWFLAKE_ROLE', '')`) means "not set", as in dbt-snowflake.
  if (v === undefined || v === null || (v === '' && !required)) {
    if (required) throw configError(key, 'is required for a snowflake target', targetName);
    return undefined;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '') throw configError(key, 'must be a non-empty string', targetName);
  return v;
}

function int(raw: Record<string, unknown>, key: string, fallback: number, min: number, targetName: string): number {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw configError(key, `must be an integer >= ${min}`, targetName);
  return n;
}

function bool(raw: Record<string, unknown>, key: string, targetName: string): boolean {
  const v = raw[key];
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw configError(key, 'must be true or false', targetName);
}

function authenticator(raw: Record<string, unknown>, targetName: string): SnowflakeAuthenticator {
  const a = (str(raw, 'authenticator', targetName) ?? (raw.private_key || raw.private_key_path ? 'snowflake_jwt' : 'snowflake')).toLowerCase();
  if (a === 'snowflake' || a === 'externalbrowser' || a === 'oauth' || a === 'snowflake_jwt') return a;
  throw configError('authenticator', `must be one of snowflake, externalbrowser, oauth, snowflake_jwt (got '${a}')`, targetName);
}

function checkCredentials(c: { authenticator: SnowflakeAuthenticator; password?: string; token?: string; privateKey?: string; privateKeyPath?: string }, targetName: string): void {
  if (c.authenticator === 'snowflake' && !c.password) throw configError('password', "is required with authenticator 'snowflake' (use env_var() to keep it out of the file)", targetName);
  if (c.authenticator === 'oauth' && !c.token) throw configError('token', "is required with authenticator 'oauth'", targetName);
  if (c.authenticator === 'snowflake_jwt' && !c.privateKey && !c.privateKeyPath) throw configError('private_key_path', "or 'private_key' is required with authenticator 'snowflake_jwt'", targetName);
}

/** Validate a profile output of `type: snowflake`. Errors name the key and exit 2; secrets are never echoed. */
export function parseSnowflakeConfig(raw: Record<string, unknown>, targetName: string, context: AdapterConfigContext): SnowflakeConfig {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) throw configError(key, `is not a snowflake setting (known: ${[...KNOWN_KEYS].join(', ')})`, targetName);
  }
  if (raw.type !== undefined && raw.type !== 'snowflake') throw configError('type', "must be 'snowflake'", targetName);
  const protocol = (str(raw, 'protocol', targetName) ?? 'https').toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') throw configError('protocol', "must be 'https' or 'http'", targetName);
  const keyPath = str(raw, 'private_key_path', targetName);
  const config = {
    type: 'snowflake' as const,
    name: targetName,
    account: str(raw, 'account', targetName, true)!,
    user: str(raw, 'user', targetName, true)!,
    password: str(raw, 'password', targetName),
    role: str(raw, 'role', targetName),
    database: str(raw, 'database', targetName, true)!,
    warehouse: str(raw, 'warehouse', targetName),
    schema: str(raw, 'schema', targetName, true)!,
    threads: int(raw, 'threads', 1, 1, targetName),
    authenticator: authenticator(raw, targetName),
    token: str(raw, 'token', targetName),
    privateKey: str(raw, 'private_key', targetName),
    privateKeyPath: keyPath === undefined ? undefined : isAbsolute(keyPath) ? keyPath : resolve(context.projectDir, keyPath),
    privateKeyPassphrase: str(raw, 'private_key_passphrase', targetName),
    queryTag: str(raw, 'query_tag', targetName),
    clientSessionKeepAlive: bool(raw, 'client_session_keep_alive', targetName),
    connectRetries: int(raw, 'connect_retries', 1, 0, targetName),
    connectTimeout: int(raw, 'connect_timeout', 10, 1, targetName),
    host: str(raw, 'host', targetName),
    port: raw.port === undefined || raw.port === null || raw.port === '' ? undefined : int(raw, 'port', 443, 1, targetName),
    protocol: protocol as 'https' | 'http',
  };
  checkCredentials(config, targetName);
  return Object.freeze(config);
}

/** The config without secrets: safe for logs, `tsdbt debug` and artifacts. */
export function snowflakeSafeJson(config: SnowflakeConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) if (out[key] !== undefined) out[key] = '**********';
  return out;
}

/** Read the key file only when connecting, so a missing file fails at `connect` with the path named. */
export function readPrivateKey(config: SnowflakeConfig): string | undefined {
  if (config.privateKey) return config.privateKey;
  if (!config.privateKeyPath) return undefined;
  try {
    return readFileSync(config.privateKeyPath, 'utf8');
  } catch (cause) {
    throw new TsdbtError('TSDBT_PROFILE_INVALID', `private_key_path '${config.privateKeyPath}' cannot be read`, { cause, exitCode: 2 });
  }
}
