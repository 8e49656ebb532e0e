import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { historySql, SNAPSHOTS, SOURCE, versionSeams, type HistoryRow } from '../runner/snapshot-history.js';

// Snowflake evaluates current_timestamp per statement and commits before DDL, so the snapshot time must come from
// the staged rows (dbt's snapshot_staging_table), or a closed version ends milliseconds before the next one starts.

describe('snapshot history on Snowflake (stand-in): a closed version ends exactly where the next one starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-snapshot-times-'));
  let standIn: SnowflakeStandIn;
  let observer: Connection;
  const history = async (name: string, deleted: boolean) => (await observer.execute(historySql(`sntdb.snaps.${name}`, deleted))).rows as HistoryRow[];

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_snt\nversion: "1.0"\nconfig-version: 2\nprofile: sf_snt\nvars:\n  snap_schema: snaps\n');
    const output = { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sntdb', warehouse: 'wh', schema: 'analytics', threads: 4, host: '127.0.0.1', port: standIn.port, protocol: 'http' };
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_snt: { target: 'sf', outputs: { sf: output } } }));
    writeFileSync(join(dir, 'models', 'src.sql'), `${SOURCE}\n`);
    for (const [name, sql] of Object.entries(SNAPSHOTS)) writeFileSync(join(dir, 'snapshots', `${name}.sql`), sql);
    const first = await runTsdbt(dir, ['build', '--vars', '{n: 4, bump: 0}']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    // Keys 0-2 change, key 3 is gone.
    const second = await runTsdbt(dir, ['build', '--vars', '{n: 3, bump: 1}']);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    observer = await adapter.connect(adapter.parseConfig(output, 'sf', { projectDir: dir }));
  }, 120_000);

  afterAll(async () => {
    await observer?.close();
    await SessionPool.closeAll();
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('check strategy', async () => {
    const seams = versionSeams(await history('snap_check', false));
    expect(seams.map((s) => s.id)).toEqual([0, 1, 2]);
    for (const s of seams) expect(s.closedAt, `key ${String(s.id)}`).toBe(s.nextFrom);
  });

  it('check strategy with hard_deletes: new_record, the deletion record included', async () => {
    const rows = await history('snap_check_new_record', true);
    const seams = versionSeams(rows);
    expect(seams.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    for (const s of seams) expect(s.closedAt, `key ${String(s.id)}`).toBe(s.nextFrom);
    expect(rows.filter((r) => r[3] === 'True').map((r) => [r[0], r[2]])).toEqual([[3, null]]);
  });

  it('check strategy with hard_deletes: invalidate closes the deleted key at the same snapshot time', async () => {
    const rows = await history('snap_check_invalidate', false);
    const seams = versionSeams(rows);
    expect(seams.map((s) => s.id)).toEqual([0, 1, 2]);
    for (const s of seams) expect(s.closedAt, `key ${String(s.id)}`).toBe(s.nextFrom);
    expect(rows.find((r) => r[0] === 3)![2]).toBe(seams[0]!.nextFrom);
  });

  it('timestamp strategy with hard_deletes: new_record', async () => {
    const rows = await history('snap_ts_new_record', true);
    const seams = versionSeams(rows);
    expect(seams.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    for (const s of seams) expect(s.closedAt, `key ${String(s.id)}`).toBe(s.nextFrom);
    expect(String(seams[0]!.nextFrom)).toMatch(/^2024-01-02 00:00:00/u);
  });
});
