import { join } from 'node:path';
import { writeTargetFile } from '@tsdbt/core';
import type { NodeResult } from '../types.js';

export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';

export interface RunResultsFile {
  metadata: { dbt_schema_version: string; dbt_version: string; generated_at: string; invocation_id: string; env: Record<string, string> };
  results: Record<string, unknown>[];
  elapsed_time: number;
  args: Record<string, unknown>;
}

function resultEntry(r: NodeResult): Record<string, unknown> {
  return {
    status: r.status,
    timing: r.status === 'skipped' ? [] : [
      { name: 'compile', started_at: r.startedAt, completed_at: r.startedAt },
      { name: 'execute', started_at: r.startedAt, completed_at: r.completedAt },
    ],
    thread_id: r.thread,
    execution_time: r.executionTime,
    adapter_response: r.status === 'skipped' || r.status === 'error' ? {} : { _message: r.message, code: r.message.split(' ')[0], rows_affected: r.rowsAffected ?? -1 },
    message: r.status === 'error' ? r.error?.message ?? r.message : r.message,
    failures: r.failures,
    unique_id: r.uniqueId,
    compiled: r.compiledCode !== undefined,
    compiled_code: r.compiledCode ?? null,
    relation_name: r.relationName ?? null,
    batch_results: r.batchResults ?? null,
  };
}

/** `target/run_results.json` in dbt's v6 shape. */
export async function writeRunResults(
  targetPath: string,
  results: NodeResult[],
  meta: { invocationId: string; elapsed: number; args: Record<string, unknown>; version: string },
): Promise<string> {
  const file: RunResultsFile = {
    metadata: { dbt_schema_version: RUN_RESULTS_SCHEMA, dbt_version: meta.version, generated_at: new Date().toISOString(), invocation_id: meta.invocationId, env: {} },
    results: results.map(resultEntry),
    elapsed_time: meta.elapsed,
    args: meta.args,
  };
  const path = join(targetPath, 'run_results.json');
  // Sync, as the manifest; a target/ removed meanwhile is made again, and a failure is TSDBT_WRITE_FAILED.
  writeTargetFile(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}
