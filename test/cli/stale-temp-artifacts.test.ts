import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, governanceProject, tsdbt } from './governance-fixture.js';

/** The pid of a process that has ended (its number is free again). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe.skipIf(!existsSync(bin))('temporary artifact files left by a killed command', () => {
  // A running process that is not this test's: its temporary file is a write in progress, never to be touched.
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  afterAll(() => live.kill());

  it('writing an artifact removes its leftovers from ended processes, not a running one’s, nor other files', () => {
    const dir = governanceProject({ 'models/foo.sql': 'select 1 as id\n' });
    const target = join(dir, 'target');
    mkdirSync(target, { recursive: true });
    const dead = deadPid();
    const leftovers = [
      `manifest.json.${dead}.tmp`,
      `partial_parse.json.${dead}.tmp`,
      `run_results.json.${dead}.tmp`,
    ];
    const kept = [
      `manifest.json.${live.pid}.tmp`,
      // Another artifact (not written by run), and names that are not a writer's temporary file.
      `catalog.json.${dead}.tmp`,
      'manifest.json.backup.tmp',
      `manifest.json.${dead}.tmp.keep`,
    ];
    for (const name of [...leftovers, ...kept]) writeFileSync(join(target, name), '{"half": ');
    const r = tsdbt(dir, 'run');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = readdirSync(target);
    for (const name of leftovers) expect(after, name).not.toContain(name);
    for (const name of kept) expect(after, name).toContain(name);
    expect(after).toEqual(expect.arrayContaining(['manifest.json', 'partial_parse.json', 'run_results.json']));
  });
});
