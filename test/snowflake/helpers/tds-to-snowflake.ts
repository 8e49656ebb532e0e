import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { stringify } from 'yaml';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startTdsServer } from '../../stand-ins/tds/server.mjs';
import type { TdsServer } from '../../stand-ins/tds/server.mjs';
import { startStandIn } from '../../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../../stand-ins/snowflake/server.mjs';
import { createOrderHeader } from '../../ingest/helpers/source-tables.js';

export interface TdsToSnowflake {
  tds: TdsServer;
  sf: Connection;
  /** Writes a profiles.yml whose default target is the Snowflake stand-in. */
  writeProfile(projectDir: string): void;
}

/**
 * Ingest into Snowflake from SQL Server, both stand-ins: a TDS server holding `orders` order headers and a Snowflake
 * stand-in with a connection to check what landed. Registers its own beforeAll/afterAll.
 */
export function tdsToSnowflake(orders: number): TdsToSnowflake {
  let sfServer: SnowflakeStandIn;
  const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', warehouse: 'wh', schema: 'analytics', threads: 2, host: '127.0.0.1', port: sfServer.port, protocol: 'http' });
  const env = {
    writeProfile: (projectDir: string) =>
      writeFileSync(join(projectDir, 'profiles.yml'), stringify({ sales: { target: 'sf', outputs: { sf: output() } } })),
  } as TdsToSnowflake;
  beforeAll(async () => {
    env.tds = await startTdsServer();
    await createOrderHeader(env.tds.admin, orders);
    sfServer = await startStandIn();
    env.sf = await adapter.connect(adapter.parseConfig(output(), 'sf', { projectDir: '.' }));
  });
  afterAll(async () => {
    await env.sf?.close();
    await SessionPool.closeAll();
    await sfServer?.close();
    await env.tds?.close();
  });
  return env;
}
