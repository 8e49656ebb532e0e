import type { Plan } from './plan.js';
import { runProjectHooks } from './project-hooks.js';
import { runNode, skippedResult } from './run-node.js';
import { schedule } from './scheduler.js';
import { withThreadLending, type BorrowThread } from './materialize/microbatch-lender.js';
import type { TaskContext } from './task-context.js';
import type { NodeResult } from './types.js';

/** A microbatch model with failed batches (`partial success`) fails the run and skips its children, as in dbt. */
export const FAILED = new Set(['error', 'fail', 'partial success']);

export interface ExecuteOptions {
  threads: number;
  failFast: boolean;
  /** True once Ctrl-C arrived: nothing new starts and on-run-end is not run. */
  cancelled: () => boolean;
}

/** on-run-start, the DAG on `threads` threads, on-run-end; results in plan order. */
export async function executePlan(task: TaskContext, plan: Plan, o: ExecuteOptions): Promise<NodeResult[]> {
  const byId = new Map<string, NodeResult>();
  let failed = false;
  let index = 0;
  // dbt's clone task runs no on-run-start/on-run-end hooks (only `run`, `build` … do).
  const hooks = plan.ids.length > 0 && task.kind !== 'clone';
  if (hooks && !o.cancelled()) await runProjectHooks(task, 'on-run-start');
  // A microbatch model's concurrent batches borrow the scheduler's free threads.
  let borrow: BorrowThread = () => undefined;
  const lending = withThreadLending(task, () => borrow());
  await schedule<NodeResult>({
    ids: plan.ids,
    parents: plan.parents,
    threads: o.threads,
    lending: (b) => (borrow = b),
    run: async (id, thread) => {
      const result = await runNode(lending, plan.nodes.get(id)!, ++index, thread);
      if (FAILED.has(result.status)) {
        // --fail-fast: interrupt the nodes running alongside (dbt cancels them too).
        if (o.failFast && !failed) void task.pool.cancelBusy();
        failed = true;
      }
      byId.set(id, result);
      return result;
    },
    ok: (r) => !FAILED.has(r.status) && r.status !== 'skipped',
    skip: (id) => {
      const r = skippedResult(task, plan.nodes.get(id)!, ++index);
      byId.set(id, r);
      return r;
    },
    stop: () => o.cancelled() || (o.failFast && failed),
  });
  if (hooks && !o.cancelled()) await runProjectHooks(task, 'on-run-end');
  return plan.ids.map((id) => byId.get(id)).filter((r): r is NodeResult => r !== undefined);
}
