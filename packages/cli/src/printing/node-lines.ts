import type { ManifestNode } from '@tsdbt/core';
import type { NodeResult } from '@tsdbt/runner';
import { cliFlags } from '../cli-flags.js';
import { green, red, yellow } from './colors.js';

/** `1 of 5 START sql view model main.stg .......... [RUN]`: the dots pad the left part to --printer-width (80). */
export function dotted(left: string, right: string, width = cliFlags().printerWidth): string {
  // Colour codes take no room on screen: pad by the visible length.
  const visible = left.replace(/\u001b\[\d+m/gu, '').length;
  const dots = Math.max(5, width - visible - 1);
  return `${left} ${'.'.repeat(dots)} ${right}`;
}

export function nodeDescription(node: ManifestNode, relation: string): string {
  switch (node.resource_type) {
    case 'seed':
      return `seed file ${relation}`;
    case 'snapshot':
      return `snapshot ${relation}`;
    case 'test':
      return `test ${relation}`;
    case 'unit_test':
      return `unit_test ${relation}`;
    default:
      // dbt's get_materialization: a microbatch incremental model prints as `sql microbatch model`.
      return `sql ${node.config.materialized === 'incremental' && node.config.incremental_strategy === 'microbatch' ? 'microbatch' : node.config.materialized} model ${relation}`;
  }
}

const secs = (r: NodeResult): string => `${r.executionTime.toFixed(2)}s`;

/** The finish line's verb and bracket, as dbt prints them per resource type and status. */
export function finishParts(node: ManifestNode, relation: string, r: NodeResult, color: boolean): { left: string; right: string } {
  const desc = nodeDescription(node, relation);
  switch (r.status) {
    case 'skipped':
      return { left: `${yellow(color, 'SKIP')} ${node.resource_type === 'test' ? 'test' : 'relation'} ${relation}`, right: `[${yellow(color, 'SKIP')}]` };
    case 'error':
      return { left: `${red(color, 'ERROR')} ${node.resource_type === 'test' ? relation : `creating ${desc}`}`, right: `[${red(color, 'ERROR')} in ${secs(r)}]` };
    case 'partial success':
      return { left: `${yellow(color, 'PARTIALLY')} created ${desc}`, right: `[${yellow(color, r.message)} in ${secs(r)}]` };
    case 'pass':
      return { left: `${green(color, 'PASS')} ${relation}`, right: `[${green(color, 'PASS')} in ${secs(r)}]` };
    case 'warn':
      return { left: `${yellow(color, `WARN ${r.failures}`)} ${relation}`, right: `[${yellow(color, `WARN ${r.failures}`)} in ${secs(r)}]` };
    case 'fail':
      return { left: `${red(color, `FAIL ${r.failures}`)} ${relation}`, right: `[${red(color, `FAIL ${r.failures}`)} in ${secs(r)}]` };
    default: {
      const verb = node.resource_type === 'seed' ? `loaded ${desc}` : node.resource_type === 'snapshot' ? `snapshotted ${relation}` : `created ${desc}`;
      return { left: `${green(color, 'OK')} ${verb}`, right: `[${green(color, r.message)} in ${secs(r)}]` };
    }
  }
}

/** dbt's LogStartBatch / LogBatchResult: `Batch 2 of 3 OK created batch 2024-01-02 of main.m`. */
export function batchParts(e: { index: number; total: number; label: string; relation: string; result?: { status: string; seconds: number } }, color: boolean): { left: string; right: string } {
  const what = `batch ${e.label} of ${e.relation}`;
  const head = `Batch ${e.index} of ${e.total}`;
  if (!e.result) return { left: `${head} START ${what}`, right: '[RUN]' };
  const secs = `${e.result.seconds.toFixed(2)}s`;
  if (e.result.status === 'error') return { left: `${head} ${red(color, 'ERROR')} creating ${what}`, right: `[${red(color, 'ERROR')} in ${secs}]` };
  // Not run: the model's first batch failed (dbt's MicrobatchBatchRunner.on_skip).
  if (e.result.status === 'skipped') return { left: `${head} ${yellow(color, 'SKIP')} ${what}`, right: `[${yellow(color, 'SKIPPED')} in ${secs}]` };
  return { left: `${head} ${green(color, 'OK')} created ${what}`, right: `[${green(color, 'SUCCESS')} in ${secs}]` };
}
