import type { Connection } from '@tsdbt/core';
import { loggedConnection } from '../logged-connection.js';
import type { TaskContext } from '../task-context.js';

/** Takes a free thread of the run's scheduler and returns its release, or undefined when none is free. */
export type BorrowThread = () => (() => void) | undefined;

/**
 * The task as its microbatch models see it: a model's concurrent batches may borrow the scheduler's free threads,
 * each with a pooled connection whose statements are logged under the model, as the model's own connection's are.
 */
export function withThreadLending(task: TaskContext, borrow: BorrowThread): TaskContext {
  if (!task.microbatch) return task;
  const lend = <T>(uniqueId: string, work: (conn: Connection) => Promise<T>): Promise<T> | undefined => {
    const release = borrow();
    if (!release) return undefined;
    const logged = (pooled: Connection): Promise<T> => work(loggedConnection(pooled, (sql) => task.log.write('debug', `On ${uniqueId}: ${sql}`)));
    return task.pool.with(logged).finally(release);
  };
  return { ...task, microbatch: { ...task.microbatch, lend, debug: (message) => task.log.write('debug', message) } };
}
