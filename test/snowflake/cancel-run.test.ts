import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import { runTask } from '@tsdbt/runner';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { copyFixture } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

let standIn: SnowflakeStandIn;
const project = copyFixture('runner-slow');
const output = () => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'slow_db', warehouse: 'wh', schema: 'main', threads: 2, host: '127.0.0.1', port: standIn.port, protocol: 'http' });

beforeAll(async () => {
  standIn = await startStandIn();
  writeFileSync(join(project.dir, 'profiles.yml'), JSON.stringify({ runner_slow: { target: 'sf', outputs: { sf: output() } } }));
});
afterAll(async () => {
  await closeStandIn(standIn);
  project.cleanup();
});

describe('cancelling a run on the Snowflake target (the abort signal Ctrl-C fires)', () => {
  it('aborts the running Snowflake query, skips the rest and keeps nothing half-built', async () => {
    const controller = new AbortController();
    const result = await runTask('run', {
      projectDir: project.dir, profilesDir: project.dir, signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'start' && e.node.name === 'slow') setImmediate(() => controller.abort());
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.exitCode).toBe(130);
    const slow = result.results.find((r) => r.uniqueId.endsWith('.slow'));
    expect(slow?.error?.code).toBe('TSDBT_QUERY_CANCELLED');
    const conn = await adapter.connect(adapter.parseConfig(output(), 'check', { projectDir: project.dir }));
    try {
      const names = (await conn.listRelations('SLOW_DB', 'MAIN')).map((r) => r.identifier);
      expect(names).not.toContain('SLOW');
      expect(names).not.toContain('SLOW__DBT_TMP');
      expect(names).not.toContain('AFTER_SLOW');
    } finally {
      await conn.close();
    }
  });
});
