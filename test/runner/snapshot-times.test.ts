import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse, runTsdbt } from './run-tsdbt.js';
import { historySql, SNAPSHOTS, SOURCE, versionSeams, type HistoryRow } from './snapshot-history.js';

// dbt takes the snapshot time once, in the staging table, so a closed version's dbt_valid_to is exactly the next
// version's dbt_valid_from (a deletion record's too): `valid_to = valid_from` joins rely on it.

describe('snapshot history on DuckDB: a closed version ends exactly where the next one starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-snapshot-times-'));
  const history = async (name: string, deleted: boolean) => (await queryWarehouse(dir, historySql(`"dev"."main"."${name}"`, deleted))) as HistoryRow[];

  beforeAll(async () => {
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'profiles.yml'), 'snt:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 4\n');
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: snt\nversion: "1.0"\nconfig-version: 2\nprofile: snt\nvars:\n  snap_schema: main\n');
    writeFileSync(join(dir, 'models', 'src.sql'), `${SOURCE}\n`);
    for (const [name, sql] of Object.entries(SNAPSHOTS)) writeFileSync(join(dir, 'snapshots', `${name}.sql`), sql);
    const first = await runTsdbt(dir, ['build', '--vars', '{n: 4, bump: 0}']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    // Keys 0-2 change, key 3 is gone.
    const second = await runTsdbt(dir, ['build', '--vars', '{n: 3, bump: 1}']);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const deleted = rows.find((r) => r[0] === 3)!;
    expect(deleted[2]).toBe(seams[0]!.nextFrom);
  });

  it('timestamp strategy with hard_deletes: new_record', async () => {
    const rows = await history('snap_ts_new_record', true);
    const seams = versionSeams(rows);
    expect(seams.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    for (const s of seams) expect(s.closedAt, `key ${String(s.id)}`).toBe(s.nextFrom);
    expect(String(seams[0]!.nextFrom)).toMatch(/^2024-01-02 00:00:00/u);
  });
});
