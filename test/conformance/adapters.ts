import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, TargetConfig } from '@tsdbt/core';

/** A live adapter under test: a parsed config and optional hooks around the suite (start a stand-in, etc.). */
export interface ConformanceTarget {
  adapter: Adapter;
  config: TargetConfig;
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
}

export interface ConformanceEntry {
  name: string;
  /** Return a reason to skip (missing stand-in, credentials…), or undefined to run. */
  skipReason?: () => string | undefined;
  create: () => Promise<ConformanceTarget>;
}

/**
 * Every adapter the conformance suite covers. A new adapter is covered by adding one entry here
 * (its factory parses its own config through `adapter.parseConfig`, exactly as a profile would).
 */
export const conformanceAdapters: ConformanceEntry[] = [
  {
    name: 'duckdb',
    create: async () => {
      const { adapter } = await import('@tsdbt/adapter-duckdb');
      const dir = mkdtempSync(join(tmpdir(), 'tsdbt-conformance-duckdb-'));
      const config = adapter.parseConfig({ type: 'duckdb', path: 'conformance.duckdb', threads: 2 }, 'conformance', { projectDir: dir });
      return { adapter, config, teardown: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'snowflake (stand-in)',
    create: async () => {
      const { adapter, SessionPool } = await import('@tsdbt/adapter-snowflake');
      const { startStandIn } = await import('../stand-ins/snowflake/server.mjs');
      const standIn = await startStandIn();
      const config = adapter.parseConfig(
        { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'unused', database: 'conformance', schema: 'public', warehouse: 'wh', threads: 2, host: '127.0.0.1', port: standIn.port, protocol: 'http' },
        'conformance',
        { projectDir: process.cwd() },
      );
      return { adapter, config, teardown: async () => { await SessionPool.closeAll(); await standIn.close(); } };
    },
  },
];
