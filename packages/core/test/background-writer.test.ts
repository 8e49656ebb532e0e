import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackgroundWriter } from '../src/compile/background-writer.js';
import { isTsdbtError } from '../src/diagnostics/diagnostic.js';
import { tempTarget } from './helpers.js';

const files = (dir: string, n: number, text = (i: number) => `select ${i}\n`) =>
  Array.from({ length: n }, (_, i) => [join(dir, 'compiled', `layer_${i % 3}`, 'schema.yml', `t_${i}.sql`), text(i)] as const);

// Both paths: in-thread (fewer files than the threshold) and through the worker (threshold 0).
describe.each([
  ['in-thread', 1_000_000],
  ['worker', 0],
])('BackgroundWriter (%s)', (_label, minForWorker) => {
  it('creates the folders and writes every file', async () => {
    const dir = tempTarget();
    const list = files(dir, 600);
    const w = new BackgroundWriter(list.length, minForWorker);
    for (const [p, t] of list) w.add(p, t);
    expect(await w.finish()).toBe(600);
    for (const [p, t] of list) expect(readFileSync(p, 'utf8')).toBe(t);
  });

  // Under /proc mkdir answers ENOENT below an existing folder: Node 20's recursive mkdir looped there forever.
  it.skipIf(!existsSync('/proc/self'))('rejects with TSDBT_WRITE_FAILED for a folder that cannot be made, without hanging', async () => {
    const w = new BackgroundWriter(1, minForWorker);
    w.add('/proc/tsdbt-no-such/compiled/a.sql', 'select 1');
    await expect(w.finish()).rejects.toSatisfy((e: unknown) => isTsdbtError(e) && e.code === 'TSDBT_WRITE_FAILED' && e.message.includes("mkdir '/proc/tsdbt-no-such'"));
  });

  it('leaves a file holding the same text alone and rewrites a changed one', async () => {
    const dir = tempTarget();
    const same = join(dir, 'compiled', 'same.sql');
    const changed = join(dir, 'compiled', 'changed.sql');
    mkdirSync(join(dir, 'compiled'));
    writeFileSync(same, 'select 1');
    writeFileSync(changed, 'select old');
    utimesSync(same, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const w = new BackgroundWriter(2, minForWorker);
    w.add(same, 'select 1');
    w.add(changed, 'select 2');
    expect(await w.finish()).toBe(1);
    expect(statSync(same).mtime.getFullYear()).toBe(2000);
    expect(readFileSync(changed, 'utf8')).toBe('select 2');
  });

  it('reports a failed write as TSDBT_WRITE_FAILED naming the path', async () => {
    const dir = tempTarget();
    writeFileSync(join(dir, 'blocker'), 'a file where a folder must go');
    const w = new BackgroundWriter(1, minForWorker);
    w.add(join(dir, 'blocker', 'x.sql'), 'select 1');
    const error = await w.finish().then(() => undefined, (e: unknown) => e);
    expect(isTsdbtError(error) && error.code).toBe('TSDBT_WRITE_FAILED');
    expect(isTsdbtError(error) && error.diagnostics[0]!.file).toBe(join(dir, 'blocker'));
  });
});
