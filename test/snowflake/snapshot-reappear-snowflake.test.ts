import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';
import { currentPerKey, REAPPEAR_SNAPSHOTS, REAPPEAR_SOURCE, REAPPEAR_STEPS, reappearSql, type ReappearRow } from '../runner/snapshot-reappear.js';

// On Snowflake (stand-in), in a session whose TIMEZONE is not UTC: dbt-snowflake's snapshot_get_time() is
// `to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))`, the UTC wall time; and with hard_deletes:
// new_record a key back in the source closes its deletion record (dbt's snapshot_staging_table `updates` CTE).

describe('snapshots on Snowflake (stand-in) in an Asia/Tokyo session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-snapshot-reappear-'));
  let standIn: SnowflakeStandIn;
  let observer: Connection;
  const perStep: Record<string, ReappearRow[][]> = {};
  const runWindows: Array<{ before: number; after: number }> = [];

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(
      join(dir, 'dbt_project.yml'),
      'name: sf_snb\nversion: "1.0"\nconfig-version: 2\nprofile: sf_snb\nvars:\n  snap_schema: snaps\n' +
        "snapshots:\n  sf_snb:\n    +pre-hook: \"alter session set timezone = 'Asia/Tokyo'\"\n",
    );
    const output = { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'snbdb', warehouse: 'wh', schema: 'analytics', threads: 1, host: '127.0.0.1', port: standIn.port, protocol: 'http' };
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_snb: { target: 'sf', outputs: { sf: output } } }));
    writeFileSync(join(dir, 'models', 'src.sql'), `${REAPPEAR_SOURCE}\n`);
    for (const [name, sql] of Object.entries(REAPPEAR_SNAPSHOTS)) writeFileSync(join(dir, 'snapshots', `${name}.sql`), sql);
    observer = await adapter.connect(adapter.parseConfig(output, 'sf', { projectDir: dir }));
    for (const vars of REAPPEAR_STEPS) {
      const before = Date.now();
      const r = await runTsdbt(dir, ['build', '--vars', vars]);
      runWindows.push({ before, after: Date.now() });
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      for (const name of Object.keys(REAPPEAR_SNAPSHOTS)) (perStep[name] ??= []).push((await observer.execute(reappearSql(`snbdb.snaps.${name}`))).rows as ReappearRow[]);
    }
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn: observer, dir });
  });

  for (const name of Object.keys(REAPPEAR_SNAPSHOTS)) {
    it(`${name}: one current row per key at every step; the deletion record closes where the new version starts`, () => {
      const steps = perStep[name]!;
      for (const rows of steps) expect(currentPerKey(rows), JSON.stringify(rows)).toEqual({ '1': 1, '2': 1 });
      const key2 = steps[2]!.filter((r) => r[0] === 2);
      expect(key2.map((r) => r[3]).sort()).toEqual(['False', 'False', 'True']);
      const first = key2.find((r) => r[3] === 'False' && r[2] !== null);
      const deletion = key2.find((r) => r[3] === 'True');
      const back = key2.find((r) => r[3] === 'False' && r[2] === null);
      expect(first![2]).toBe(deletion![1]);
      expect(deletion![2]).not.toBeNull();
      expect(deletion![2]).toBe(back![1]);
    });
  }

  it('the snapshot time is the UTC wall time, not the session zone’s', () => {
    // An NTZ text read as UTC falls inside the run that wrote it (Asia/Tokyo's would be 9 hours later).
    const asUtc = (text: unknown) => Date.parse(`${String(text).replace(' ', 'T').slice(0, 23)}Z`);
    const check = perStep.snap_back_check!;
    const firstFrom = asUtc(check[0]!.find((r) => r[0] === 1)![1]);
    const deletionFrom = asUtc(check[1]!.find((r) => r[0] === 2 && r[3] === 'True')![1]);
    for (const [at, window] of [[firstFrom, runWindows[0]!], [deletionFrom, runWindows[1]!]] as const) {
      expect(at).toBeGreaterThanOrEqual(window.before - 1000);
      expect(at).toBeLessThanOrEqual(window.after + 1000);
    }
  });
});
