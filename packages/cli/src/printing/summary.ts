import { storedFailuresRelation, type NodeResult, type TaskResult } from '@tsdbt/runner';
import { green, red, yellow } from './colors.js';

interface Line {
  level: string;
  name: string;
  text: string;
  data?: Record<string, unknown>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 view models, 2 table models, 4 data tests` as dbt counts what ran. */
function whatRan(result: TaskResult): string {
  const counts = new Map<string, number>();
  for (const r of result.results) {
    const node = result.project.manifest.nodes[r.uniqueId] ?? result.project.manifest.unit_tests?.[r.uniqueId];
    if (!node) continue;
    const label = node.resource_type === 'model' ? `${node.config.materialized} model` : node.resource_type === 'test' ? 'data test' : node.resource_type.replace('_', ' ');
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => plural(n, label)).join(', ') || '0 nodes';
}

function elapsedText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds - h * 3600 - m * 60;
  return `${h} hours ${m} minutes and ${s.toFixed(2)} seconds (${seconds.toFixed(2)}s)`;
}

/** dbt's CheckNodeTestFailure: the query that shows a failed test's stored rows, between two rules. */
function checkNodeTestFailure(relation: string, uniqueId: string): Line {
  const query = `select * from ${relation}`;
  const rule = '-'.repeat(query.length);
  return { level: 'info', name: 'CheckNodeTestFailure', text: `  See test failures:\n  ${rule}\n  ${query}\n  ${rule}`, data: { unique_id: uniqueId, relation_name: relation } };
}

const isError = (r: NodeResult): boolean => r.status === 'error' || r.status === 'fail';

/** dbt's closing block: what ran, the failures in full, and `Done. PASS=… WARN=… ERROR=… SKIP=… TOTAL=…`. */
export function summaryLines(result: TaskResult, color: boolean): Line[] {
  const rs = result.results;
  const pass = rs.filter((r) => r.status === 'success' || r.status === 'pass').length;
  const warn = rs.filter((r) => r.status === 'warn').length;
  const error = rs.filter(isError).length;
  const skip = rs.filter((r) => r.status === 'skipped').length;
  // A microbatch model with failed batches: its own line in the summary, an error in the stats (dbt's interpret_run_result).
  const partial = rs.filter((r) => r.status === 'partial success').length;
  const lines: Line[] = [{ level: 'info', name: 'Note', text: '' }];
  lines.push({ level: 'info', name: 'FinishedRunningStats', text: `Finished running ${whatRan(result)} in ${elapsedText(result.elapsed)}.` });
  lines.push({ level: 'info', name: 'Note', text: '' });
  if (result.cancelled) lines.push({ level: 'error', name: 'RunCancelled', text: red(color, 'Cancelled: running statements were interrupted, nothing half-built was kept') });
  else if (!error && !warn && !partial) lines.push({ level: 'info', name: 'EndOfRunSummary', text: green(color, 'Completed successfully') });
  else lines.push({ level: error || partial ? 'error' : 'warn', name: 'EndOfRunSummary', text: (error || partial ? red : yellow)(color, `Completed with ${plural(error, 'error')}, ${partial} partial success${partial === 1 ? '' : 'es'}, and ${plural(warn, 'warning')}:`) });
  for (const r of rs.filter((x) => isError(x) || x.status === 'warn')) {
    lines.push({ level: 'info', name: 'Note', text: '' });
    const node = result.project.manifest.nodes[r.uniqueId] ?? result.project.manifest.unit_tests?.[r.uniqueId];
    const where = node ? `${node.resource_type} ${node.name} (${node.original_file_path})` : r.uniqueId;
    const text = r.status === 'error' ? r.message : `${r.status === 'warn' ? 'Warning' : 'Failure'} in ${where}\n  ${r.message}`;
    lines.push({ level: r.status === 'warn' ? 'warn' : 'error', name: 'RunResultError', text, data: { unique_id: r.uniqueId, code: r.error?.code } });
    const stored = r.status !== 'error' && node ? storedFailuresRelation(result.project.dialect, result.project.target, node, !!result.storeFailures) : undefined;
    if (stored) lines.push({ level: 'info', name: 'Note', text: '' }, checkNodeTestFailure(stored, r.uniqueId));
  }
  lines.push({ level: 'info', name: 'Note', text: '' });
  const total = rs.length;
  lines.push({ level: 'info', name: 'StatsLine', text: `Done. PASS=${pass} WARN=${warn} ERROR=${error + partial} SKIP=${skip} NO-OP=0 TOTAL=${total}`, data: { pass, warn, error: error + partial, skip, total } });
  return lines;
}
