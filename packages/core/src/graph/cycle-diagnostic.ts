import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { TsdbtError } from '../diagnostics/diagnostic.js';
import type { DagGraph } from './dag-graph.js';
import type { GraphMember } from './graph-members.js';

/** `model.p.a (models/a.sql) → model.p.b (models/b.sql) → model.p.a`, the way the user finds the files to fix. */
export function cycleDiagnostic(path: string[], members: Map<string, GraphMember>): Diagnostic {
  const text = path
    .map((id, i) => {
      const file = members.get(id)?.original_file_path;
      return i < path.length - 1 && file ? `${id} (${file})` : id;
    })
    .join(' → ');
  return {
    code: 'TSDBT_CYCLE',
    severity: 'error',
    message: `Found a cycle: ${text}`,
    file: members.get(path[0]!)?.original_file_path,
    hint: 'A model cannot depend on itself, directly or through others: remove one of the ref()/source() calls in this cycle.',
  };
}

/** Throws every cycle at once (exit code 1) when the graph has any. */
export function assertAcyclic(dag: DagGraph): void {
  if (dag.cycles.length === 0) return;
  throw new TsdbtError('TSDBT_CYCLE', dag.diagnostics.map((d) => d.message).join('\n'), { diagnostics: dag.diagnostics, exitCode: 2 });
}
