import { describe, expect, it } from 'vitest';
import { isTsdbtError } from '@tsdbt/core';
import { parseSnowflakeConfig, snowflakeSafeJson } from '../src/snowflake-config.js';

const ctx = { projectDir: '/project' };
const base = { type: 'snowflake', account: 'ab12345.eu-west-1', user: 'dbt', password: 's3cr3t-pw', database: 'analytics', schema: 'dev', warehouse: 'wh' };

function errorOf(raw: Record<string, unknown>) {
  try {
    parseSnowflakeConfig(raw, 'prod', ctx);
  } catch (e) {
    if (isTsdbtError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('Snowflake profile config', () => {
  it("reads dbt-snowflake's keys with their defaults", () => {
    const c = parseSnowflakeConfig({ ...base, threads: 4, query_tag: 'tsdbt', connect_retries: 3, client_session_keep_alive: true, host: '127.0.0.1', port: 8089, protocol: 'http' }, 'prod', ctx);
    expect(c).toMatchObject({ type: 'snowflake', name: 'prod', authenticator: 'snowflake', threads: 4, queryTag: 'tsdbt', connectRetries: 3, clientSessionKeepAlive: true, port: 8089, protocol: 'http', connectTimeout: 10 });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('infers key-pair auth from private_key_path and resolves it against the project', () => {
    const c = parseSnowflakeConfig({ ...base, password: undefined, private_key_path: 'keys/rsa.p8', private_key_passphrase: 'pp' }, 'prod', ctx);
    expect(c.authenticator).toBe('snowflake_jwt');
    expect(c.privateKeyPath).toBe('/project/keys/rsa.p8');
  });

  it('never shows secrets in toSafeJson', () => {
    const c = parseSnowflakeConfig({ ...base, authenticator: 'oauth', token: 'tok-123' }, 'prod', ctx);
    const text = JSON.stringify(snowflakeSafeJson(c));
    expect(text).not.toContain('s3cr3t-pw');
    expect(text).not.toContain('tok-123');
    expect(text).toContain('ab12345.eu-west-1');
  });

  it('names the key of a bad or missing setting, exit code 2, without echoing secrets', () => {
    const missing = errorOf({ ...base, account: undefined });
    expect(missing.code).toBe('TSDBT_PROFILE_INVALID');
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toContain("'account'");
    expect(errorOf({ ...base, password: undefined }).message).toContain("'password'");
    expect(errorOf({ ...base, authenticator: 'oauth' }).message).toContain("'token'");
    expect(errorOf({ ...base, authenticator: 'okta' }).message).toContain("'authenticator'");
    expect(errorOf({ ...base, threads: 0 }).message).toContain("'threads'");
    const unknown = errorOf({ ...base, pasword: 'x' });
    expect(unknown.message).toContain("'pasword'");
    expect(unknown.message).not.toContain('s3cr3t-pw');
  });
});

describe('Snowflake profile config from env_var defaults', () => {
  it('treats empty optional values as unset, but not empty required ones', () => {
    const c = parseSnowflakeConfig({ ...base, role: '', host: '', port: '', protocol: '' }, 'prod', ctx);
    expect([c.role, c.host, c.port, c.protocol]).toEqual([undefined, undefined, undefined, 'https']);
    expect(() => parseSnowflakeConfig({ ...base, account: '' }, 'prod', ctx)).toThrow(/'account'/u);
  });
});
