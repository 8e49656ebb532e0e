import { describe, expect, it } from 'vitest';
import { schedule } from '../src/scheduler.js';

const parents = new Map([
  ['a', []],
  ['b', ['a']],
  ['c', ['a']],
  ['d', ['b', 'c']],
  ['e', []],
]);

describe('scheduler', () => {
  it('starts a node only after its parents, up to `threads` at once', async () => {
    const done = new Set<string>();
    let running = 0;
    let peak = 0;
    const results = await schedule({
      ids: ['a', 'b', 'c', 'd', 'e'], parents, threads: 2,
      run: async (id) => {
        for (const p of parents.get(id)!) expect(done.has(p)).toBe(true);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        done.add(id);
        return 'ok';
      },
      ok: (r) => r === 'ok', skip: () => 'skip', stop: () => false,
    });
    expect([...results.values()].every((r) => r === 'ok')).toBe(true);
    expect(peak).toBe(2);
  });

  it('skips everything below a failure and runs the rest', async () => {
    const results = await schedule({
      ids: ['a', 'b', 'c', 'd', 'e'], parents, threads: 1,
      run: async (id) => (id === 'b' ? 'fail' : 'ok'),
      ok: (r) => r === 'ok', skip: (_id, cause) => `skip:${cause}`, stop: () => false,
    });
    expect(Object.fromEntries(results)).toEqual({ a: 'ok', b: 'fail', c: 'ok', d: 'skip:b', e: 'ok' });
  });

  it('skips what has not started once stop() says so', async () => {
    let stopped = false;
    const results = await schedule({
      ids: ['a', 'b', 'c', 'd', 'e'], parents, threads: 1,
      run: async () => {
        stopped = true;
        return 'ok';
      },
      ok: (r) => r === 'ok', skip: () => 'skip', stop: () => stopped,
    });
    expect([...results.values()].filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.size).toBe(5);
  });

  it('runs ready nodes in plan order, including nodes that became ready later', async () => {
    // b and d wait for a; c and e are ready at once. One thread: plan order once a is done, not readiness order.
    const deps = new Map([['a', []], ['b', ['a']], ['c', []], ['d', ['a']], ['e', []]]);
    const ran: string[] = [];
    await schedule({
      ids: ['a', 'b', 'c', 'd', 'e'], parents: deps, threads: 1,
      run: async (id) => {
        ran.push(id);
        return 'ok';
      },
      ok: () => true, skip: () => 'skip', stop: () => false,
    });
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
