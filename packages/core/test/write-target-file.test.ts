import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeTargetFile } from '../src/util/write-file.js';

/** When set, the next write puts half its text on disk and then fails, as a full disk or a kill mid-write would. */
const crash = vi.hoisted(() => ({ next: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writeFileSync: (path: fs.PathOrFileDescriptor, text: string) => {
      if (!crash.next) return real.writeFileSync(path, text);
      crash.next = false;
      real.writeFileSync(path, text.slice(0, text.length / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    },
  };
});

describe('writeTargetFile: an artifact replaced whole, never left half-written', () => {
  const dir = fs.mkdtempSync(join(tmpdir(), 'tsdbt-write-target-'));
  const path = join(dir, 'target', 'run_results.json');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the previous file and leaves nothing beside it', () => {
    writeTargetFile(path, '{"old": true}');
    writeTargetFile(path, '{"new": true}');
    expect(fs.readFileSync(path, 'utf8')).toBe('{"new": true}');
    expect(fs.readdirSync(join(dir, 'target'))).toEqual(['run_results.json']);
  });

  it('a write that fails midway leaves the previous file as it was (TSDBT_WRITE_FAILED, no temporary file left)', () => {
    crash.next = true;
    expect(() => writeTargetFile(path, '{"newer": "a longer text than before"}')).toThrow(expect.objectContaining({ code: 'TSDBT_WRITE_FAILED', message: expect.stringContaining(path) }));
    expect(fs.readFileSync(path, 'utf8')).toBe('{"new": true}');
    expect(fs.readdirSync(join(dir, 'target'))).toEqual(['run_results.json']);
  });
});
