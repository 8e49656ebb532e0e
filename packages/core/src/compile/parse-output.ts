import type { ManifestNode } from '../manifest/types.js';
import type { ParsedProject, RenderRuntime } from '../project/parsed-project.js';
import type { RenderScope } from '../context/render-scope.js';

interface ParseOutput {
  text: string;
  markers: { fn: 'ref' | 'source'; args: unknown[] }[];
}

/** Counts template log()/print() events: a parse render that logged must render again at compile to log again. */
export const templateLogs = { count: 0 };

/** How many compiles reused a parse render (tests read it). */
export const parseOutputReuses = { count: 0 };

/** Parse renders that read nothing compile-time-dependent, by node (kept for this process only). */
const outputs = new WeakMap<ManifestNode, ParseOutput>();

export function rememberParseOutput(node: ManifestNode, text: string, scope: RenderScope): void {
  if (!scope.impure && scope.markers) outputs.set(node, { text, markers: scope.markers });
  else outputs.delete(node);
}

/** A plain compile (no overrides, not incremental) can reuse the parse render: dbt's output, without a second render. */
export function canReuse(project: ParsedProject, node: ManifestNode, runtime: RenderRuntime): boolean {
  return (
    runtime.execute && !runtime.isIncremental && !runtime.refOverrides && !runtime.varOverrides && !runtime.macroOverrides &&
    !runtime.empty && outputs.has(node) && project.manifest.nodes[node.unique_id] === node
  );
}

/** The parse output with each marker replaced by what ref()/source() return now; undefined if any is left over. */
export function reuseParseOutput(node: ManifestNode, ctx: Record<string, unknown>): string | undefined {
  const out = outputs.get(node)!;
  const text = out.text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
    const m = out.markers[Number(i)];
    if (!m) return '\u0000';
    return String((ctx[m.fn] as (...a: unknown[]) => unknown)(...m.args));
  });
  if (text.includes('\u0000')) return undefined;
  parseOutputReuses.count++;
  return text;
}
