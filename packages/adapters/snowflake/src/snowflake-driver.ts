import type { Bind, Connection as SdkConnection, ConnectionOptions, RowStatement, SnowflakeError } from 'snowflake-sdk';
import type { SnowflakeConfig } from './snowflake-config.js';
import { readPrivateKey } from './snowflake-config.js';
import { connectError } from './snowflake-errors.js';

type Sdk = typeof import('snowflake-sdk');
let sdk: Promise<Sdk> | undefined;

/** The driver loads on the first Snowflake connection only, so DuckDB users never import it. */
export function loadSdk(): Promise<Sdk> {
  // The driver bundles the AWS SDK, which warns on every run under Node < 22 (its documented opt-out).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  sdk ??= import('snowflake-sdk').then((m) => {
    const s = ((m as unknown as { default?: Sdk }).default ?? m) as Sdk;
    // The driver logs to ./snowflake.log; at level ERROR it still writes every failure there (and echoes it as
    // JSON), so OFF: every driver error reaches the user anyway, wrapped in a TsdbtError with it as the cause.
    s.configure({ logLevel: 'OFF' });
    return s;
  });
  return sdk;
}

export function endpoint(config: SnowflakeConfig): string | undefined {
  if (!config.host) return undefined;
  return `${config.protocol}://${config.host}${config.port ? `:${config.port}` : ''}`;
}

function options(config: SnowflakeConfig): ConnectionOptions {
  const url = endpoint(config);
  const auth = { snowflake: 'SNOWFLAKE', externalbrowser: 'EXTERNALBROWSER', oauth: 'OAUTH', snowflake_jwt: 'SNOWFLAKE_JWT' }[config.authenticator];
  return {
    account: config.account,
    username: config.user,
    password: config.password,
    authenticator: auth,
    token: config.token,
    privateKey: config.authenticator === 'snowflake_jwt' ? readPrivateKey(config) : undefined,
    privateKeyPass: config.privateKeyPassphrase,
    database: config.database,
    schema: config.schema,
    warehouse: config.warehouse,
    role: config.role,
    clientSessionKeepAlive: config.clientSessionKeepAlive,
    ...(config.queryTag ? { queryTag: config.queryTag } : {}),
    ...(url ? { accessUrl: url } : {}),
    application: 'tsdbt',
  } as ConnectionOptions;
}

/**
 * dbt-snowflake's `connect_timeout` bounds the login only. The driver's own `timeout` option bounds every request
 * (a long query would hit it), so the login is raced against a timer here instead.
 */
function withTimeout(login: Promise<void>, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`login did not complete within connect_timeout (${seconds} s)`)), seconds * 1000);
  });
  return Promise.race([login, expired]).finally(() => clearTimeout(timer));
}

/** Open one driver session, retrying `connect_retries` times on failure. */
export async function openSession(config: SnowflakeConfig): Promise<SdkConnection> {
  const snowflake = await loadSdk();
  let last: unknown;
  for (let attempt = 0; attempt <= config.connectRetries; attempt++) {
    const conn = snowflake.createConnection(options(config));
    try {
      const open = config.authenticator === 'externalbrowser' ? conn.connectAsync.bind(conn) : (cb: (e: SnowflakeError | undefined) => void) => conn.connect((e) => cb(e));
      await withTimeout(new Promise<void>((resolve, reject) => void open((e: SnowflakeError | undefined) => (e ? reject(e) : resolve()))), config.connectTimeout);
      return conn;
    } catch (e) {
      last = e;
      void destroySession(conn).catch(() => undefined);
      // Bad credentials will not improve with a retry.
      if (/390100|390144|Incorrect username or password/u.test(String((e as SnowflakeError).code ?? '') + (e as Error).message)) break;
    }
  }
  throw connectError(last, endpoint(config) ?? `${config.account}.snowflakecomputing.com`);
}

export interface DriverResult {
  statement: RowStatement;
  rows: unknown[][];
}

/** Run one statement; rows come back as arrays in column order. */
export function runStatement(conn: SdkConnection, sqlText: string, binds: unknown[] | undefined, onStart: (s: RowStatement) => void): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const statement = conn.execute({
      sqlText,
      binds: binds as Bind[] | undefined,
      rowMode: 'array',
      // Numbers arrive as text so NUMBER(38,0) values beyond 2^53 survive (converted in plainValue).
      fetchAsString: ['Number'],
      complete: (err, stmt, rows) => (err ? reject(err) : resolve({ statement: stmt, rows: (rows ?? []) as unknown[][] })),
    });
    onStart(statement);
  });
}

export function destroySession(conn: SdkConnection): Promise<void> {
  return new Promise((resolve) => {
    try {
      conn.destroy(() => resolve());
    } catch {
      resolve(); // never connected: nothing to log out
    }
  });
}
