import { TsdbtError, isTsdbtError } from '@tsdbt/core';
import { materializeIncremental } from './materialize/incremental.js';
import { materializeSeed } from './materialize/seed.js';
import { materializeSnapshot } from './materialize/snapshot.js';
import { materializeTable } from './materialize/table.js';
import { materializeView } from './materialize/view.js';
import { runDataTest } from './tests/run-test.js';
import { runUnitTest } from './tests/unit-test.js';
import type { MaterializeOutcome, NodeContext } from './types.js';

const MATERIALIZATIONS: Record<string, (ctx: NodeContext) => Promise<MaterializeOutcome>> = {
  view: materializeView,
  table: materializeTable,
  incremental: materializeIncremental,
};

/** Run one node by its resource type and materialization. */
export function executeNode(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { node } = ctx;
  switch (node.resource_type) {
    case 'seed':
      return materializeSeed(ctx);
    case 'snapshot':
      return materializeSnapshot(ctx);
    case 'test':
      return runDataTest(ctx);
    case 'unit_test':
      return runUnitTest(ctx);
    case 'model': {
      const run = MATERIALIZATIONS[node.config.materialized];
      if (!run) {
        return Promise.reject(
          new TsdbtError('TSDBT_UNKNOWN_MATERIALIZATION', `Model '${node.name}' uses materialization '${node.config.materialized}', which tsdbt does not have`, {
            file: node.original_file_path,
            hint: `Use one of: ${Object.keys(MATERIALIZATIONS).join(', ')}, ephemeral.`,
          }),
        );
      }
      return run(ctx);
    }
    default:
      return Promise.reject(new TsdbtError('TSDBT_NOT_RUNNABLE', `${node.resource_type} '${node.name}' cannot be run`));
  }
}

const KIND_LABEL: Record<string, string> = { model: 'model', seed: 'seed', snapshot: 'snapshot', test: 'test', unit_test: 'unit test' };

/** dbt's error text: `Database Error in model customers (models/customers.sql)` and the database's own message. */
export function describeFailure(ctx: Pick<NodeContext, 'node'>, error: unknown): { code: string; message: string; file?: string; line?: number } {
  const { node } = ctx;
  const base = isTsdbtError(error) ? error : undefined;
  const code = base?.code ?? 'TSDBT_INTERNAL';
  const dbError = code === 'TSDBT_DATABASE_ERROR';
  // A contract that fails is dbt's ContractError, a CompilationError (as are its warnings under --warn-error).
  const compilation = code.startsWith('TSDBT_CONTRACT') || code.startsWith('TSDBT_CONSTRAINT');
  const kind = dbError ? 'Database Error' : code === 'TSDBT_QUERY_CANCELLED' ? 'Cancelled' : compilation ? 'Compilation Error' : 'Runtime Error';
  const detail = error instanceof Error ? error.message : String(error);
  const diag = base?.diagnostics[0];
  return {
    code,
    message: `${kind} in ${KIND_LABEL[node.resource_type] ?? node.resource_type} ${node.name} (${node.original_file_path})\n  ${detail.split('\n').join('\n  ')}`,
    file: diag?.file ?? node.original_file_path,
    line: diag?.line,
  };
}
