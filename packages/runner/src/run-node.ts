import { TsdbtError } from '@tsdbt/core';
import type { ManifestNode } from '@tsdbt/core';
import { compileNode, renderSql } from './core-api.js';
import type { RenderRuntime } from './core-api.js';
import { describeFailure, executeNode } from './execute-node.js';
import { cloneNode } from './commands/clone-node.js';
import { loggedConnection } from './logged-connection.js';
import { batchResultsOfError } from './materialize/microbatch.js';
import { displayRelation } from './node-relation.js';
import { withQueryTag } from './query-tag.js';
import { storedFailuresRelation } from './tests/run-test.js';
import type { TaskContext } from './task-context.js';
import type { NodeContext, NodeResult } from './types.js';

function isTest(node: ManifestNode): boolean {
  return node.resource_type === 'test' || node.resource_type === 'unit_test';
}

export function relationLabel(node: ManifestNode): string {
  return isTest(node) ? node.name : displayRelation(node);
}

/** Run one node on a pooled connection; every failure becomes an `error` result naming the node and file. */
export async function runNode(task: TaskContext, node: ManifestNode, index: number, thread: number): Promise<NodeResult> {
  const relation = relationLabel(node);
  task.emit({ kind: 'start', index, total: task.total, node, relation });
  task.log.write('debug', `Began running node ${node.unique_id}`);
  const startedAt = new Date();
  const result = await task.pool.with(async (pooled): Promise<NodeResult> => {
    const conn = loggedConnection(pooled, (sql) => task.log.write('debug', `On ${node.unique_id}: ${sql}`));
    const runtime: RenderRuntime = { execute: true, connection: conn, fullRefresh: task.fullRefresh, empty: task.empty, storeFailures: task.storeFailures, invocationId: task.invocationId, which: task.kind, refOverrides: task.refOverrides };
    const ctx: NodeContext = {
      conn,
      dialect: task.project.dialect,
      target: task.project.target,
      node,
      fullRefresh: task.fullRefresh,
      empty: task.empty,
      projectDir: task.project.projectDir,
      compile: (o) => {
        const sql = compileNode(task.project, node.unique_id, { ...runtime, connection: o?.connection ?? conn, isIncremental: o?.isIncremental ?? false, batch: o?.batch });
        const files = task.files;
        return files ? sql.then((s) => (files.compiled(node, s), s)) : sql;
      },
      main: task.files ? (sql) => task.files!.main(node, sql) : undefined,
      compiled: task.files ? (sql) => task.files!.compiled(node, sql) : undefined,
      // In the node's own context (dbt renders hooks with `this`, `model`, `config` of the node); a unit test is not in nodes.
      render: (sql) => renderSql(task.project, sql, runtime, node.name, task.project.manifest.nodes[node.unique_id] ? node.unique_id : undefined),
      warn: (diagnostic) => {
        // Under --warn-error the warning fails the node, as dbt's warn_or_error raises.
        if (task.warnError?.(diagnostic.code)) throw new TsdbtError(diagnostic.code, diagnostic.message, { file: diagnostic.file });
        task.log.write('warn', `[WARNING]: ${diagnostic.message}`);
        task.emit({ kind: 'warning', diagnostic, projectDir: task.project.projectDir });
      },
      microbatch: task.microbatch,
      batchEvent: (e) => task.emit({ kind: 'batch', node, relation, ...e }),
      ensureSchema: (db, schema) => task.schemas.ensure(conn, db, schema),
      relations: task.relations,
      testWarnIsError: task.testWarnIsError,
      storeFailures: task.storeFailures,
      manifest: task.project.manifest,
      // Another node rendered in this node's context (a unit test's model over its fixtures): the model's own
      // compiled_code in the manifest stays what its own run or compile made (dbt-core #9608).
      compileOther: (id, extras) => compileNode(task.project, id, { ...runtime, ...extras, record: false, refOverrides: new Map([...(task.refOverrides ?? []), ...(extras.refOverrides ?? [])]) }),
    };
    // A test storing its failures names its audit relation, as dbt's run_results.json does.
    const relationName = node.relation_name ?? storedFailuresRelation(task.project.dialect, task.project.target, node, !!task.storeFailures);
    const base = { uniqueId: node.unique_id, startedAt: startedAt.toISOString(), thread: `Thread-${thread}`, relationName };
    try {
      const out = await withQueryTag(ctx, () => (task.kind === 'clone' ? cloneNode(ctx, task) : executeNode(ctx)));
      const completed = new Date();
      return {
        ...base,
        status: out.status ?? 'success',
        message: out.message,
        failures: out.failures ?? null,
        rowsAffected: out.rowsAffected,
        compiledCode: out.compiledCode,
        batchResults: out.batchResults,
        completedAt: completed.toISOString(),
        executionTime: (completed.getTime() - startedAt.getTime()) / 1000,
      };
    } catch (error) {
      const completed = new Date();
      const failure = describeFailure(ctx, error);
      return {
        ...base,
        status: 'error',
        message: failure.message,
        failures: null,
        error: failure,
        batchResults: batchResultsOfError(error),
        completedAt: completed.toISOString(),
        executionTime: (completed.getTime() - startedAt.getTime()) / 1000,
      };
    }
  });
  task.log.write(result.status === 'error' ? 'error' : 'info', `${node.unique_id}: ${result.status} ${result.message} in ${result.executionTime.toFixed(2)}s`);
  task.emit({ kind: 'finish', index, total: task.total, node, relation, result });
  return result;
}

/** A node not run because a parent failed or the run stopped. */
export function skippedResult(task: TaskContext, node: ManifestNode, index: number): NodeResult {
  const now = new Date().toISOString();
  const result: NodeResult = { uniqueId: node.unique_id, status: 'skipped', message: 'SKIP', failures: null, executionTime: 0, startedAt: now, completedAt: now, thread: 'main', relationName: node.relation_name ?? undefined };
  task.log.write('info', `${node.unique_id}: skipped`);
  task.emit({ kind: 'finish', index, total: task.total, node, relation: relationLabel(node), result });
  return result;
}
