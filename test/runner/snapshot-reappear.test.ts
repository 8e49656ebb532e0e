import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse, runTsdbt } from './run-tsdbt.js';
import { currentPerKey, REAPPEAR_SNAPSHOTS, REAPPEAR_SOURCE, REAPPEAR_STEPS, reappearSql, type ReappearRow } from './snapshot-reappear.js';

// dbt's snapshot_staging_table with hard_deletes: new_record: a key back in the source after its deletion record
// closes that record (the `updates` CTE matches a current row with dbt_is_deleted = 'True') and gets a new current row.

describe('snapshot hard_deletes: new_record on DuckDB: a deleted key that comes back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-snapshot-reappear-'));
  const history = async (name: string) => (await queryWarehouse(dir, reappearSql(`"dev"."main"."${name}"`))) as ReappearRow[];
  const perStep: Record<string, ReappearRow[][]> = {};

  beforeAll(async () => {
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'profiles.yml'), 'snb:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 2\n');
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: snb\nversion: "1.0"\nconfig-version: 2\nprofile: snb\nvars:\n  snap_schema: main\n');
    writeFileSync(join(dir, 'models', 'src.sql'), `${REAPPEAR_SOURCE}\n`);
    for (const [name, sql] of Object.entries(REAPPEAR_SNAPSHOTS)) writeFileSync(join(dir, 'snapshots', `${name}.sql`), sql);
    for (const vars of REAPPEAR_STEPS) {
      const r = await runTsdbt(dir, ['build', '--vars', vars]);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      for (const name of Object.keys(REAPPEAR_SNAPSHOTS)) (perStep[name] ??= []).push(await history(name));
    }
  }, 90_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of Object.keys(REAPPEAR_SNAPSHOTS)) {
    it(`${name}: one current row per key at every step; the deletion record closes where the new version starts`, () => {
      const steps = perStep[name]!;
      for (const rows of steps) expect(currentPerKey(rows), JSON.stringify(rows)).toEqual({ '1': 1, '2': 1 });
      const key2 = steps[2]!.filter((r) => r[0] === 2);
      expect(key2.map((r) => r[3]).sort()).toEqual(['False', 'False', 'True']);
      // By role, not by time: with the timestamp strategy the returning row starts at its own updated_at, which may
      // precede the deletion record's snapshot time (as in dbt).
      const first = key2.find((r) => r[3] === 'False' && r[2] !== null);
      const deletion = key2.find((r) => r[3] === 'True');
      const back = key2.find((r) => r[3] === 'False' && r[2] === null);
      expect(first![2]).toBe(deletion![1]);
      expect(deletion![2]).not.toBeNull();
      expect(deletion![2]).toBe(back![1]);
      expect(back![2]).toBeNull();
    });
  }

  it('the timestamp strategy closes the deletion record at the returning row’s updated_at', () => {
    const back = perStep.snap_back_ts![2]!.find((r) => r[0] === 2 && r[2] === null)!;
    expect(String(back[1])).toMatch(/^2024-01-03 00:00:00/u);
  });
});
