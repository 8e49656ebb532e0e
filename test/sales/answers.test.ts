import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/answers.mjs');

describe('scripts/answers.mjs', () => {
  it('says clearly when there is no warehouse yet (exit 2, no stack trace)', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--db', join(import.meta.dirname, 'no-such.duckdb')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no warehouse at .*no-such\.duckdb/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
