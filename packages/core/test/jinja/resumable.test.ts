/** Synchronous templates over async warehouse calls: render, suspend on a miss, await, replay (jinja/resumable.ts). */
import { describe, expect, it } from 'vitest';
import { JinjaEngine, renderResumable, Suspend, suspendable, type SuspendState } from '../../src/jinja/index.js';

function setup() {
  const engine = new JinjaEngine();
  const calls: string[] = [];
  // A fake warehouse: answers after a real await, so the engine never sees a promise.
  const fakeQuery = async (sql: string) => {
    calls.push(sql);
    await new Promise((r) => setImmediate(r));
    return { rows: [[sql.length]], toString: () => `<result of ${sql}>` };
  };
  const context = (state: SuspendState) => ({
    run_query: (sql: string) => suspendable(state, `q:${sql}`, () => fakeQuery(sql)),
  });
  engine.addMacroFile(
    'proj',
    'macros/db.sql',
    `{% macro count_rows(t) %}{{ return(run_query('select count(*) from ' ~ t).rows[0][0]) }}{% endmacro %}
{% macro statement(name, fetch_result=False) %}{% set sql = caller() %}{{ return(run_query(sql)) }}{% endmacro %}`,
  );
  return { engine, calls, context };
}

describe('Suspend / renderResumable', () => {
  it('a Suspend thrown from a global propagates out of render unwrapped', () => {
    const { engine, context } = setup();
    const state: SuspendState = { cache: new Map(), seq: 0 };
    expect(() => engine.render({ name: 'm.sql', source: "{{ run_query('select 1') }}" }, context(state))).toThrow(Suspend);
  });

  it('replays until every call is answered, with values (not promises) in the template', async () => {
    const { engine, calls, context } = setup();
    const source = "{% set a = run_query('select 1') %}{% set b = run_query('select 22') %}{{ a.rows[0][0] + b.rows[0][0] }} {{ a }}";
    const out = await renderResumable((state) => engine.render({ name: 'm.sql', source }, context(state)));
    expect(out).toBe('17 <result of select 1>');
    expect(calls).toEqual(['select 1', 'select 22']);
  });

  it('works through a macro and through a {% call statement %} body', async () => {
    const { engine, calls, context } = setup();
    const source = `{{ count_rows('orders') }}|{% call statement('main', fetch_result=True) %}select 'x'{% endcall %}{% set r = count_rows('orders') %}{{ r }}`;
    const out = await renderResumable((state) => engine.render({ name: 'm.sql', source }, context(state)));
    expect(out).toBe("27|<result of select 'x'>27");
    // The same SQL run twice in one render is two calls (the per-render sequence number tells them apart).
    expect(calls).toEqual(['select count(*) from orders', "select 'x'", 'select count(*) from orders']);
  });

  it('works through a filter and inside loops, and replays deterministically', async () => {
    const { engine, calls, context } = setup();
    engine.addFilter('first_cell', (v) => (v as { rows: unknown[][] }).rows[0]![0]);
    const source = "{% for t in ['a', 'bb'] %}{{ run_query('select ' ~ t) | first_cell }};{% endfor %}";
    const render = (state: SuspendState) => engine.render({ name: 'm.sql', source }, context(state));
    const first = await renderResumable(render);
    const second = await renderResumable(render);
    expect(first).toBe('8;9;');
    expect(second).toBe(first);
    expect(calls).toEqual(['select a', 'select bb', 'select a', 'select bb']);
  });

  it('an async failure surfaces as the original error', async () => {
    const engine = new JinjaEngine();
    const boom = (state: SuspendState) => ({
      run_query: () => suspendable(state, 'x', async () => Promise.reject(new Error('warehouse down'))),
    });
    await expect(renderResumable((state) => engine.render({ name: 'm.sql', source: '{{ run_query() }}' }, boom(state)))).rejects.toThrow('warehouse down');
  });
});

describe('log() across replays', () => {
  it('reaches the logger once per completed render, not once per replay', async () => {
    const events: string[] = [];
    const engine = new JinjaEngine({ logger: (e) => events.push(e.message) });
    const source = "{{ log('before') }}{% set a = run_query('q1') %}{{ log('between') }}{% set b = run_query('q2') %}{{ log('after') }}";
    const out = await renderResumable((state) =>
      engine.render({ name: 'm.sql', source }, { run_query: (sql: string) => suspendable(state, sql, async () => sql) }),
    );
    expect(out).toBe('');
    expect(events).toEqual(['before', 'between', 'after']);
  });
});
