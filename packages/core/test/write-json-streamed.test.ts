import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTsdbtError } from '../src/diagnostics/diagnostic.js';
import { writeJsonStreamed } from '../src/util/write-json-streamed.js';
import { tempTarget } from './helpers.js';

const split = new Set(['nodes', 'list', 'dated', 'none']);

describe('writeJsonStreamed', () => {
  it('writes exactly what JSON.stringify gives, across chunks and for values JSON leaves out or converts', () => {
    const nodes: Record<string, unknown> = {};
    // Over a megabyte of members: several chunks. Non-ASCII text and escapes on the way.
    for (let i = 0; i < 3000; i++) nodes[`model.p.m_${i}`] = { name: `m_${i}`, sql: `select 'é ✓ 😀 "q" \\ \n\t' as x${'-'.repeat(300)}`, n: i };
    // One member longer than the reused write buffer holds in UTF-8 (it gets a buffer of its own).
    nodes['model.p.huge'] = { sql: `select '${'ü✓'.repeat(200_000)}'` };
    Object.assign(nodes, { skipped: undefined, fn: () => 1, '10': 'integer-like key, listed first', 'a"b': null, date: new Date(0) });
    const value = {
      metadata: { generated_at: '2026-01-01T00:00:00Z', nothing: undefined },
      nodes,
      list: [1, undefined, () => 2, 'x'], // an array: stringified whole
      dated: new Date(86_400_000), // has toJSON: stringified whole
      none: null,
      empty: {},
      gone: undefined,
      lone: '\ud800',
    };
    const path = join(tempTarget(), 'deep', 'out.json');
    writeJsonStreamed(path, value, split);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(value));
    writeJsonStreamed(path, { nodes: {} }, split);
    expect(readFileSync(path, 'utf8')).toBe('{"nodes":{}}');
  });

  it('makes its folder again when it was removed, and reports an unwritable path as TSDBT_WRITE_FAILED', () => {
    const dir = tempTarget();
    const path = join(dir, 'target', 'manifest.json');
    writeJsonStreamed(path, { a: 1 }, split);
    rmSync(join(dir, 'target'), { recursive: true });
    writeJsonStreamed(path, { a: 2 }, split);
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}');
    let error: unknown;
    try {
      writeJsonStreamed(join(path, 'below-a-file.json'), { a: 1 }, split);
    } catch (e) {
      error = e;
    }
    expect(isTsdbtError(error) && error.code === 'TSDBT_WRITE_FAILED').toBe(true);
  });

  it('throws what JSON.stringify throws for a value JSON cannot hold', () => {
    const path = join(tempTarget(), 'out.json');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => writeJsonStreamed(path, { nodes: { loop } }, split)).toThrow(TypeError);
    // Nothing half-written, no temporary file left, an earlier file kept.
    expect(existsSync(path)).toBe(false);
    writeJsonStreamed(path, { a: 1 }, split);
    expect(() => writeJsonStreamed(path, { nodes: { loop } }, split)).toThrow(TypeError);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(dirname(path))).toEqual(['out.json']);
  });
});
