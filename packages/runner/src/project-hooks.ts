import { TsdbtError } from '@tsdbt/core';
import { renderSql } from './core-api.js';
import type { TaskContext } from './task-context.js';

/** `on-run-start` / `on-run-end` from dbt_project.yml, rendered and run in order; a failure stops the task. */
export async function runProjectHooks(task: TaskContext, phase: 'on-run-start' | 'on-run-end'): Promise<void> {
  const hooks = phase === 'on-run-start' ? task.project.config.onRunStart : task.project.config.onRunEnd;
  if (!hooks?.length) return;
  await task.pool.with(async (conn) => {
    const runtime = { execute: true, connection: conn, invocationId: task.invocationId, which: task.kind };
    for (let i = 0; i < hooks.length; i++) {
      const started = Date.now();
      const sql = (await renderSql(task.project, hooks[i]!, runtime, `${phase}.${i}`)).trim();
      task.emit({ kind: 'hook', phase, index: i + 1, total: hooks.length, sql });
      if (!sql) continue;
      try {
        await conn.execute(sql);
      } catch (cause) {
        throw new TsdbtError('TSDBT_HOOK_FAILED', `${phase} hook ${i + 1} failed: ${(cause as Error).message}`, { cause, file: 'dbt_project.yml' });
      }
      task.emit({ kind: 'hook', phase, index: i + 1, total: hooks.length, sql, seconds: (Date.now() - started) / 1000 });
    }
  });
}
