import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, runTsdbt } from '../runner/run-tsdbt.js';

// dbt compile --select prints the compiled SQL of the nodes named in the selection, not of the tests it brings along.
describe('tsdbt compile --select prints what it compiled, as dbt does', () => {
  const project = copyFixture('runner-basic');
  afterAll(() => project.cleanup());

  it('one model (its tests compiled too, not printed)', async () => {
    const r = await runTsdbt(project.dir, ['compile', '--select', 'stg_orders']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Compiled node 'stg_orders' is:\nselect id as order_id, customer_id, order_date, status, amount from "dev"."main"."raw_orders"\n`);
  });

  it('a selection by path names no node: the count of what was compiled instead', async () => {
    const r = await runTsdbt(project.dir, ['compile', '--select', 'path:models/staging']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Compiled [1-9]\d* nodes to /u);
    expect(r.stdout).not.toContain('Compiled node');
  });
});
